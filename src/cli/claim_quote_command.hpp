// `jaring claim quote`: the benefit owed at an event date, from the policy data alone (issue 15,
// item 2; scripts and checks use exactly this form):
//
//   jaring claim quote --kind jkm|jkk --member-since YYYY-MM-DD --event YYYY-MM-DD
//       [--paid-months N] [--income RUPIAH] [--outcome death|total_disability|injury]
//       [--children-in-school N] [--child-levels a,b] [--unable-months N] [--as-of YYYY-MM-DD]
//       [--db URL] [--json]
//   {"eligible":true|false,"total":RUPIAH,"items":[{"name":…,"amount":RUPIAH,"rule":…,
//    "detail":…}],"reason":…,"membership_months":N,"paid_months":N,"legal_reference":…,
//    "version_from":"YYYY-MM-DD"}
//
// Pure: it reads the rule versions stored in the database (--db, JARING_DB or the default) when
// that database exists, else the built-in defaults; it never reads the registry nor creates a
// database. --as-of (default: today) is the day the claim is made, for the JKK claim lapse.
// Exit 0 for a quote (eligible or not), 2 for malformed input, 3 when no benefits version is in
// force at the event. The rules: policy/benefit.hpp, docs/claims.md.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

// Adds `quote` to the `claim` command.
void AddClaimQuoteSubcommand(CLI::App& claim, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
