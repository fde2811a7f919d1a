// Design notes
// - The hash input is a sequence of length-prefixed fields (8-byte big-endian lengths), so the
//   encoding is injective: no choice of field contents can make two different entries produce
//   the same bytes (a plain separator could be forged by a field containing it).
// - prev_hash enters as its hex text, not decoded bytes: the hash never fails on a malformed
//   stored prev_hash, which VerifyChain reports as a broken link instead.
// - Verification stops at the first break. Everything after it is unproven, and naming the
//   first broken entry is what an investigator needs to start from.
#include "auth/audit_chain.hpp"

#include <sodium.h>

#include <array>
#include <charconv>

#include "auth/sodium.hpp"

namespace jaring::auth {
namespace {

void AppendField(std::string& out, std::string_view field) {
  std::uint64_t n = field.size();
  char length[8];
  for (int i = 7; i >= 0; --i) {
    length[i] = static_cast<char>(n & 0xFF);
    n >>= 8;
  }
  out.append(length, sizeof length);
  out.append(field);
}

std::string Decimal(std::int64_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::int64_t Micros(TimePoint at) {
  return std::chrono::floor<std::chrono::microseconds>(at).time_since_epoch().count();
}

}  // namespace

std::string_view AuditActionCode(AuditAction action) {
  switch (action) {
    case AuditAction::kCreate:
      return "create";
    case AuditAction::kUpdate:
      return "update";
    case AuditAction::kDelete:
      return "delete";
    case AuditAction::kImport:
      return "import";
    case AuditAction::kDecision:
      return "decision";
    case AuditAction::kSignIn:
      return "sign_in";
    case AuditAction::kSignInFailed:
      return "sign_in_failed";
    case AuditAction::kSignOut:
      return "sign_out";
    case AuditAction::kPasswordChange:
      return "password_change";
    case AuditAction::kTokenIssue:
      return "token_issue";
    case AuditAction::kTokenRevoke:
      return "token_revoke";
    case AuditAction::kExport:
      return "export";
    case AuditAction::kUnmask:
      return "unmask";
  }
  return "";
}

std::optional<AuditAction> AuditActionFromCode(std::string_view code) {
  for (int i = 0; i <= static_cast<int>(AuditAction::kUnmask); ++i) {
    const auto action = static_cast<AuditAction>(i);
    if (AuditActionCode(action) == code) return action;
  }
  return std::nullopt;
}

std::string CanonicalBytes(std::string_view prev_hash, const AuditEntry& entry) {
  std::string out;
  out.reserve(256 + entry.before_json.size() + entry.after_json.size());
  AppendField(out, kAuditChainDomainTag);
  AppendField(out, prev_hash);
  AppendField(out, Decimal(entry.sequence));
  AppendField(out, Decimal(Micros(entry.at)));
  AppendField(out, entry.actor_user_id ? Decimal(*entry.actor_user_id) : std::string());
  AppendField(out, entry.actor_username);
  AppendField(out, entry.remote_address);
  AppendField(out, AuditActionCode(entry.action));
  AppendField(out, entry.record_type);
  AppendField(out, entry.record_id);
  AppendField(out, entry.regency_code);
  AppendField(out, entry.before_json);
  AppendField(out, entry.after_json);
  return out;
}

std::string ComputeHash(std::string_view prev_hash, const AuditEntry& entry) {
  internal::EnsureSodium();
  const std::string bytes = CanonicalBytes(prev_hash, entry);
  std::array<unsigned char, 32> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr,
                     0);
  return internal::Hex(digest);
}

TimePoint TruncateToMicros(TimePoint at) {
  return TimePoint(std::chrono::floor<std::chrono::microseconds>(at.time_since_epoch()));
}

void SealEntry(AuditEntry& entry, std::int64_t head_sequence, std::string_view head_hash) {
  entry.sequence = head_sequence + 1;
  entry.prev_hash = std::string(head_hash);
  entry.at = TruncateToMicros(entry.at);
  entry.hash = ComputeHash(entry.prev_hash, entry);
}

std::string_view ChainBreakCode(ChainBreak reason) {
  switch (reason) {
    case ChainBreak::kSequenceGap:
      return "SEQUENCE_GAP";
    case ChainBreak::kPrevLinkMismatch:
      return "PREV_LINK_MISMATCH";
    case ChainBreak::kHashMismatch:
      return "HASH_MISMATCH";
    case ChainBreak::kAnchorMismatch:
      return "ANCHOR_MISMATCH";
  }
  return "";
}

std::string ChainBreakInfo::Describe() const {
  std::string why;
  switch (reason) {
    case ChainBreak::kSequenceGap:
      why = "nomor urut melompat (entri dihapus, disisipkan atau dipindah)";
      break;
    case ChainBreak::kPrevLinkMismatch:
      why = "tautan ke entri sebelumnya tidak cocok";
      break;
    case ChainBreak::kHashMismatch:
      why = "hash tidak cocok (isi entri diubah)";
      break;
    case ChainBreak::kAnchorMismatch:
      why = "hash tidak cocok dengan catatan di luar basis data";
      break;
  }
  return "Entri audit #" + Decimal(sequence) + " rusak: " + why + " [" +
         std::string(ChainBreakCode(reason)) + "; diharapkan " + expected + ", ditemukan " + found +
         "]";
}

ChainVerifier::ChainVerifier(std::int64_t head_sequence, std::string head_hash)
    : report_{0, head_sequence, std::move(head_hash), std::nullopt} {}

void ChainVerifier::AddAnchor(ChainAnchor anchor) { anchors_.push_back(std::move(anchor)); }

bool ChainVerifier::Add(const AuditEntry& entry) {
  if (report_.first_break) return false;
  const std::int64_t expected_sequence = report_.head_sequence + 1;
  const auto fail = [&](ChainBreak reason, std::string expected, std::string found) {
    report_.first_break = ChainBreakInfo{entry.sequence, expected_sequence, reason,
                                         std::move(expected), std::move(found)};
    return false;
  };
  if (entry.sequence != expected_sequence) {
    return fail(ChainBreak::kSequenceGap, Decimal(expected_sequence), Decimal(entry.sequence));
  }
  if (entry.prev_hash != report_.head_hash) {
    return fail(ChainBreak::kPrevLinkMismatch, report_.head_hash, entry.prev_hash);
  }
  std::string recomputed = ComputeHash(entry.prev_hash, entry);
  if (entry.hash != recomputed) {
    return fail(ChainBreak::kHashMismatch, std::move(recomputed), entry.hash);
  }
  for (const ChainAnchor& anchor : anchors_) {
    if (anchor.sequence == entry.sequence && anchor.hash != entry.hash) {
      return fail(ChainBreak::kAnchorMismatch, anchor.hash, entry.hash);
    }
  }
  ++report_.entries_checked;
  report_.head_sequence = entry.sequence;
  report_.head_hash = entry.hash;
  return true;
}

ChainReport VerifyChain(std::span<const AuditEntry> entries, std::span<const ChainAnchor> anchors) {
  ChainVerifier verifier;
  for (const ChainAnchor& anchor : anchors) verifier.AddAnchor(anchor);
  for (const AuditEntry& entry : entries) {
    if (!verifier.Add(entry)) break;
  }
  return verifier.report();
}

}  // namespace jaring::auth
