// `jaring dedupe` and `jaring link`: the matching engine over CSV files.
//
//   jaring dedupe ROSTER.csv --out PAIRS.csv [--spec SPEC.json] [--threshold P] [--threads N]
//                 [--explain] [--clusters CLUSTERS.csv] [--model MODEL.json] [--labels L.csv]
//   jaring link LEFT.csv RIGHT.csv --out PAIRS.csv [--spec SPEC.json] [--one-to-one]
//               [--threshold P] [--threads N] [--explain] [--model MODEL.json]
//
// PAIRS.csv: left_id,right_id,probability (then, with --explain, match_weight and per field
// <field>_level,<field>_weight). CLUSTERS.csv: id,cluster_id. --model FILE: use the model in
// FILE if it exists, else estimate one and save it there. --report FILE: a JSON record of
// timings, per-rule pair counts and the EM run. Nothing is printed on stdout; a progress bar
// appears on stderr when it is a terminal.
#pragma once

#include "cli/command.hpp"

namespace jaring::cli {

void AddDedupeCommand(CLI::App& root, const Environment& env, CommandAction& action);
void AddLinkCommand(CLI::App& root, const Environment& env, CommandAction& action);

}  // namespace jaring::cli
