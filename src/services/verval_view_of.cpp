#include "services/verval_view_of.hpp"

#include <chrono>

namespace jaring::services {

TimePoint TimeOfMicros(std::int64_t micros) {
  return TimePoint(
      std::chrono::duration_cast<TimePoint::duration>(std::chrono::microseconds(micros)));
}

VervalRunView ViewOf(const storage::VervalRun& run) {
  return {.id = run.id,
          .period = run.period,
          .actor = run.actor,
          .started_at = TimeOfMicros(run.started_at_us),
          .finished_at = TimeOfMicros(run.finished_at_us),
          .inputs_json = run.inputs_json,
          .counts_json = run.counts_json};
}

SettledMonthView ViewOf(const storage::SettledMonth& month) {
  return {.id = month.id,
          .period = month.period,
          .version = month.version,
          .persons = month.persons,
          .rows_listed = month.rows_listed,
          .settled_at = TimeOfMicros(month.settled_at_us),
          .actor = month.actor,
          .checksum = month.checksum,
          .minutes_checksum = month.minutes_checksum,
          .counts_json = month.counts_json,
          .sources_json = month.sources_json};
}

RegistryRecordView ViewOf(const storage::RegistryRecord& record) {
  return {.worker = record.worker,
          .source_id = record.source_id,
          .death_date = record.death_date,
          .merged_into = record.merged_into};
}

FindingView ViewOf(const storage::Finding& finding) {
  std::optional<TimePoint> decided_at;
  if (finding.decided_at_us) decided_at = TimeOfMicros(*finding.decided_at_us);
  return {.id = finding.id,
          .period = finding.period,
          .kind = finding.kind,
          .worker_id = finding.worker_id,
          .other_regency = finding.other_regency,
          .confidence = finding.confidence,
          .action = finding.action,
          .proposal = finding.proposal,
          .blocking = finding.blocking,
          .evidence_json = finding.evidence_json,
          .state = finding.state,
          .decided_by = finding.decided_by,
          .decided_at = decided_at,
          .reason = finding.reason};
}

ExtractRowView ViewOf(const storage::ExtractRow& row) {
  return {.id = row.id,
          .row_key = row.row_key,
          .kind = row.kind,
          .nik = row.nik,
          .name = row.name,
          .sex = row.sex,
          .birth_date = row.birth_date,
          .death_date = row.death_date,
          .village_code = row.village_code,
          .kpj = row.kpj,
          .segment = row.segment};
}

ExtractBatchView ViewOf(const storage::ExtractBatch& batch) {
  return {.id = batch.id,
          .kind = batch.kind,
          .period = batch.period,
          .file_name = batch.file_name,
          .checksum = batch.checksum,
          .actor = batch.actor,
          .created_at = TimeOfMicros(batch.created_at_us),
          .read = batch.read,
          .accepted = batch.accepted,
          .quarantined = batch.quarantined,
          .unchanged = batch.unchanged,
          .issues = batch.issues};
}

}  // namespace jaring::services
