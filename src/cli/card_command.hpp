// `jaring card issue|sheet|list|revoke|verify|key`: membership cards from the command line over
// CardService (issue 14, item 4; docs/cards.md):
//
//   jaring card issue --program ID [--worker ID] [--single] --out FILE.pdf [--as USERNAME] [--json]
//       a card for each covered worker (or one), A4 sheets of ten (--single: one card a page)
//                                  {"cards":N,"skipped":N,"items":[{"id":..,"token":..},...]}
//   jaring card sheet --program ID --out FILE.pdf [--as USERNAME]     issue's sheets, as issue 14
//   jaring card list --program ID [--worker ID] [--json]
//   jaring card revoke CARD --regency CODE --reason TEXT [--as USERNAME]
//   jaring card verify TOKEN [--key FILE.pub] [--on YYYY-MM-DD] [--json]
//       {"valid":true|false,"status":"valid|revoked|expired|not_yet_valid","period":...,...}
//       with --key only the signature and dates are checked, no database is opened
//   jaring card key [--json]                      the public key (created on first use)
//
// The signing key lives in $JARING_DATA_DIR (default var/), never in the database. Exit codes of
// verify: 0 valid, 5 revoked, expired or not yet valid, 2 forged or malformed. Others: 2 bad
// input, 3 no such program or card, 5 nobody to print for, 6 the --as user may not.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddCardCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
