// Design notes
//  - Append trusts nothing but the head row it has just locked: sequence and prev_hash come from
//    there, never from a cached value, so concurrent processes interleave correctly.
//  - Verify feeds storage pages into one ChainVerifier and stops at the first break; the head
//    row (audit_head) anchors the end, so a truncated tail is a break too. A stored
//    action code this program does not know cannot be hashed; it is reported as a hash
//    mismatch at that entry (only an edit behind jaring's back produces one).
//  - Anchors from outside (audit_anchor.hpp) are checked by the same verifier as it passes
//    their sequence; one the log never reaches is a break too, checked after the head row, so
//    a log cut short with its head row moved back still fails against an older anchor.
#include "services/audit_trail.hpp"

#include <utility>

#include "domain/date_format.hpp"

namespace jaring::services {
namespace {

storage::AuditRecord ToRecord(const auth::AuditEntry& e) {
  return {e.sequence,
          e.at,
          e.actor_user_id,
          e.actor_username,
          e.remote_address,
          std::string(auth::AuditActionCode(e.action)),
          e.record_type,
          e.record_id,
          e.regency_code,
          e.before_json,
          e.after_json,
          e.prev_hash,
          e.hash};
}

std::optional<auth::AuditEntry> ToEntry(const storage::AuditRecord& r) {
  std::optional<auth::AuditAction> action = auth::AuditActionFromCode(r.action);
  if (!action) return std::nullopt;
  return auth::AuditEntry{
      r.sequence,   r.at,          r.actor_user_id, r.actor_username, r.remote_address,
      *action,      r.record_type, r.record_id,     r.regency_code,   r.before_json,
      r.after_json, r.prev_hash,   r.hash};
}

}  // namespace

Actor Actor::ForPrincipal(const auth::Principal& principal, std::string remote_address) {
  return {principal, principal.username, std::move(remote_address)};
}

Actor Actor::ForCli(std::string os_user) {
  if (os_user.empty()) os_user = "unknown";
  return {std::nullopt, "cli:" + os_user, ""};
}

std::optional<std::int64_t> Actor::user_id() const {
  if (!principal) return std::nullopt;
  return principal->user_id;
}

AuditEvent AuditEvent::By(const Actor& actor, auth::AuditAction action, std::string record_type,
                          std::string record_id, std::string regency_code, std::string before_json,
                          std::string after_json) {
  return {
      actor.user_id(),        actor.name,           actor.remote_address,    action,
      std::move(record_type), std::move(record_id), std::move(regency_code), std::move(before_json),
      std::move(after_json)};
}

Status AuditTrail::AppendAll(storage::Transaction& tx, std::span<const AuditEvent> events) const {
  if (events.empty()) return {};
  Result<storage::AuditHead> head = tx.Audit().LockHead();
  if (!head) return Fail(std::move(head.error()));
  std::vector<storage::AuditRecord> records;
  records.reserve(events.size());
  std::int64_t sequence = head->sequence;
  std::string hash = head->hash;
  const TimePoint at = clock_.Now();
  for (const AuditEvent& event : events) {
    auth::AuditEntry entry;
    entry.at = at;
    entry.actor_user_id = event.actor_user_id;
    entry.actor_username = event.actor_username;
    entry.remote_address = event.remote_address;
    entry.action = event.action;
    entry.record_type = event.record_type;
    entry.record_id = event.record_id;
    entry.regency_code = event.regency_code;
    entry.before_json = event.before_json;
    entry.after_json = event.after_json;
    auth::SealEntry(entry, sequence, hash);
    sequence = entry.sequence;
    hash = entry.hash;
    records.push_back(ToRecord(entry));
  }
  return tx.Audit().InsertMany(records);
}

Result<auth::ChainReport> AuditTrail::Verify(storage::Database& db,
                                             std::span<const auth::ChainAnchor> anchors,
                                             int page_size) const {
  if (page_size < 1) page_size = 1000;
  // The head row, read first: every entry up to it must be there with that hash, so that
  // deleting the newest entries (hiding the last actions) is caught too. Entries appended while
  // we read are simply verified as well.
  Result<storage::AuditHead> head = db.Audit().LockHead();
  if (!head) return Fail(std::move(head.error()));
  auth::ChainVerifier verifier;
  if (head->sequence > 0) verifier.AddAnchor({head->sequence, head->hash});
  for (const auth::ChainAnchor& anchor : anchors) {
    if (anchor.sequence > 0) verifier.AddAnchor(anchor);
  }
  std::int64_t after = 0;
  while (true) {
    Result<std::vector<storage::AuditRecord>> page = db.Audit().Page(after, page_size);
    if (!page) return Fail(std::move(page.error()));
    if (page->empty()) {
      auth::ChainReport report = verifier.report();
      if (report.ok() && report.head_sequence < head->sequence) {
        report.first_break = auth::ChainBreakInfo{
            report.head_sequence + 1, report.head_sequence + 1, auth::ChainBreak::kSequenceGap,
            "entri sampai #" + std::to_string(head->sequence),
            "log berakhir di #" + std::to_string(report.head_sequence)};
      }
      for (const auth::ChainAnchor& anchor : anchors) {
        if (!report.ok() || anchor.sequence <= report.head_sequence) continue;
        report.first_break = auth::ChainBreakInfo{
            anchor.sequence, anchor.sequence, auth::ChainBreak::kAnchorMismatch,
            "entri #" + std::to_string(anchor.sequence) + " dengan hash " + anchor.hash,
            "log berakhir di #" + std::to_string(report.head_sequence)};
      }
      return report;
    }
    for (const storage::AuditRecord& record : *page) {
      std::optional<auth::AuditEntry> entry = ToEntry(record);
      if (!entry) {
        auth::ChainReport report = verifier.report();
        report.first_break = auth::ChainBreakInfo{record.sequence, report.head_sequence + 1,
                                                  auth::ChainBreak::kHashMismatch,
                                                  "kode aksi yang dikenal", record.action};
        return report;
      }
      if (!verifier.Add(*entry)) return verifier.report();
    }
    after = page->back().sequence;
  }
}

Result<AuditAnchor> AuditTrail::Anchor(storage::Database& db, std::string database) const {
  Result<auth::ChainReport> report = Verify(db);
  if (!report) return Fail(std::move(report.error()));
  if (!report->ok()) {
    const auth::ChainBreakInfo& broken = *report->first_break;
    return Fail(Error::FailedPrecondition(
        "Rantai audit rusak, tidak dijangkarkan. " + broken.Describe(),
        "AUDIT_CHAIN_BROKEN sequence=" + std::to_string(broken.sequence)));
  }
  AuditAnchor anchor;
  anchor.sequence = report->head_sequence;
  anchor.hash = report->head_hash;
  if (anchor.sequence > 0) {
    Result<std::vector<storage::AuditRecord>> head = db.Audit().Page(anchor.sequence - 1, 1);
    if (!head) return Fail(std::move(head.error()));
    if (!head->empty()) anchor.entry_at = domain::FormatIsoTimestamp(head->front().at);
  }
  anchor.anchored_at = domain::FormatIsoTimestamp(clock_.Now());
  anchor.engine = std::string(db.engine());
  anchor.database = std::move(database);
  return anchor;
}

Result<std::vector<auth::AuditEntry>> AuditTrail::Search(storage::Database& db,
                                                         const AuditQuery& query) const {
  storage::AuditFilter filter;
  filter.regency_codes = query.regency_codes;
  filter.include_unscoped = query.include_unscoped;
  filter.actor_username = query.actor_username;
  filter.record_type = query.record_type;
  filter.record_id = query.record_id;
  if (query.action) filter.action = std::string(auth::AuditActionCode(*query.action));
  filter.from = query.from;
  filter.until = query.until;
  filter.before_sequence = query.before_sequence;
  filter.limit = query.limit;
  Result<std::vector<storage::AuditRecord>> rows = db.Audit().Search(filter);
  if (!rows) return Fail(std::move(rows.error()));
  std::vector<auth::AuditEntry> entries;
  entries.reserve(rows->size());
  for (const storage::AuditRecord& record : *rows) {
    std::optional<auth::AuditEntry> entry = ToEntry(record);
    if (!entry) {
      return Fail(Error::Internal(
          "catatan audit rusak",
          "op=audit.search unknown action at sequence " + std::to_string(record.sequence)));
    }
    entries.push_back(std::move(*entry));
  }
  return entries;
}

}  // namespace jaring::services
