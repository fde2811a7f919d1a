#include "auth/audit_chain.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

namespace jaring::auth {
namespace {

using std::chrono::microseconds;
using std::chrono::nanoseconds;
using std::chrono::seconds;

const TimePoint kStart = TimePoint(seconds(1751356800));  // 2025-07-01T08:00:00Z

// A varied but deterministic draft entry number i (1-based): actions, actors and regencies
// rotate, some entries have no actor, JSON bodies differ.
AuditEntry Draft(int i) {
  constexpr AuditAction kActions[] = {
      AuditAction::kCreate,       AuditAction::kUpdate,   AuditAction::kDelete,
      AuditAction::kImport,       AuditAction::kDecision, AuditAction::kSignIn,
      AuditAction::kSignInFailed, AuditAction::kExport,   AuditAction::kUnmask};
  AuditEntry e;
  e.at = kStart + seconds(i * 7) + nanoseconds(i * 1'234'567);  // sub-microsecond part
  if (i % 11 != 0) e.actor_user_id = 1 + i % 5;
  e.actor_username = i % 11 == 0 ? "tidak.dikenal" : "operator" + std::to_string(i % 5);
  e.remote_address = i % 3 == 0 ? "" : "10.0.0." + std::to_string(i % 250);
  e.action = kActions[i % std::size(kActions)];
  e.record_type = "worker";
  e.record_id = std::to_string(1000 + i);
  e.regency_code = i % 2 == 0 ? "35.14" : "35.15";
  e.before_json =
      i % 4 == 0 ? "" : R"({"nama":"Sutrisno","status":"aktif","n":)" + std::to_string(i) + "}";
  e.after_json = R"({"nama":"Sutrisno","status":"meninggal","n":)" + std::to_string(i) + "}";
  return e;
}

std::vector<AuditEntry> BuildChain(int n) {
  std::vector<AuditEntry> chain;
  chain.reserve(n);
  std::int64_t head_sequence = 0;
  std::string head_hash(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    AuditEntry e = Draft(i);
    SealEntry(e, head_sequence, head_hash);
    head_sequence = e.sequence;
    head_hash = e.hash;
    chain.push_back(std::move(e));
  }
  return chain;
}

const std::vector<AuditEntry>& Chain1000() {
  static const std::vector<AuditEntry> chain = BuildChain(1000);
  return chain;
}

bool IsLowerHex64(std::string_view s) {
  return s.size() == 64 && std::ranges::all_of(s, [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

TEST(AuditChainTest, SealedChainOfAThousandVerifies) {
  const auto& chain = Chain1000();
  ASSERT_EQ(chain.size(), 1000u);
  EXPECT_EQ(chain.front().prev_hash, kGenesisHash);
  std::set<std::string> hashes;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    EXPECT_EQ(chain[i].sequence, static_cast<std::int64_t>(i + 1));
    EXPECT_TRUE(IsLowerHex64(chain[i].hash)) << chain[i].hash;
    if (i > 0) {
      EXPECT_EQ(chain[i].prev_hash, chain[i - 1].hash);
    }
    hashes.insert(chain[i].hash);
  }
  EXPECT_EQ(hashes.size(), 1000u);
  const ChainReport report = VerifyChain(chain);
  EXPECT_TRUE(report.ok()) << report.first_break->Describe();
  EXPECT_EQ(report.entries_checked, 1000);
  EXPECT_EQ(report.head_sequence, 1000);
  EXPECT_EQ(report.head_hash, chain.back().hash);
}

TEST(AuditChainTest, EmptyChainIsValid) {
  const ChainReport report = VerifyChain({});
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.entries_checked, 0);
  EXPECT_EQ(report.head_hash, kGenesisHash);
}

// --- Tampering: each must be found, at the right entry, for the right reason ---------------

struct Tamper {
  const char* name;
  // Changes the chain, given k, the sequence of the entry to tamper with.
  std::function<void(std::vector<AuditEntry>&, int k)> apply;
  std::int64_t sequence_offset;  // broken sequence = k + offset
  std::int64_t expected_offset;  // expected sequence = k + offset
  ChainBreak reason;
};

class AuditTamperTest : public ::testing::TestWithParam<Tamper> {};

TEST_P(AuditTamperTest, FirstBrokenEntryIsNamed) {
  const Tamper& t = GetParam();
  for (const int k : {1, 2, 500, 999}) {  // k: 1-based sequence of the tampered entry
    std::vector<AuditEntry> chain = Chain1000();
    t.apply(chain, k);
    const ChainReport report = VerifyChain(chain);
    ASSERT_FALSE(report.ok()) << t.name << " k=" << k;
    const ChainBreakInfo& b = *report.first_break;
    EXPECT_EQ(b.reason, t.reason) << t.name << " k=" << k << ": " << b.Describe();
    EXPECT_EQ(b.sequence, k + t.sequence_offset) << t.name << " k=" << k;
    EXPECT_EQ(b.expected_sequence, k + t.expected_offset) << t.name << " k=" << k;
    // Everything before the break verified; the head is the last good entry.
    EXPECT_EQ(report.entries_checked, b.expected_sequence - 1) << t.name << " k=" << k;
    EXPECT_EQ(report.head_sequence, b.expected_sequence - 1) << t.name;
    if (t.expected_offset == 0) {  // the entries before k are the untouched originals
      EXPECT_EQ(report.head_hash, k == 1 ? std::string(kGenesisHash) : Chain1000()[k - 2].hash);
    }
    EXPECT_NE(b.Describe().find("#" + std::to_string(b.sequence)), std::string::npos);
    EXPECT_NE(b.Describe().find(ChainBreakCode(t.reason)), std::string::npos);
  }
}

// Entry with sequence k sits at index k - 1.
#define FIELD_EDIT(field_expr)            \
  [](std::vector<AuditEntry>& c, int k) { \
    AuditEntry& e = c[k - 1];             \
    field_expr;                           \
  }

INSTANTIATE_TEST_SUITE_P(
    Table, AuditTamperTest,
    ::testing::Values(
        Tamper{"after_json", FIELD_EDIT(e.after_json[10] ^= 1), 0, 0, ChainBreak::kHashMismatch},
        Tamper{"before_json_emptied", FIELD_EDIT(e.before_json = "{}"), 0, 0,
               ChainBreak::kHashMismatch},
        Tamper{"actor", FIELD_EDIT(e.actor_username += "x"), 0, 0, ChainBreak::kHashMismatch},
        Tamper{"actor_id_removed",
               FIELD_EDIT(e.actor_user_id = e.actor_user_id ? std::nullopt
                                                            : std::optional<std::int64_t>(0)),
               0, 0, ChainBreak::kHashMismatch},
        Tamper{"time_one_microsecond", FIELD_EDIT(e.at += microseconds(1)), 0, 0,
               ChainBreak::kHashMismatch},
        Tamper{"action",
               FIELD_EDIT(e.action = e.action == AuditAction::kExport ? AuditAction::kCreate
                                                                      : AuditAction::kExport),
               0, 0, ChainBreak::kHashMismatch},
        Tamper{"regency", FIELD_EDIT(e.regency_code = "33.01"), 0, 0, ChainBreak::kHashMismatch},
        Tamper{"address", FIELD_EDIT(e.remote_address = "192.168.1.1"), 0, 0,
               ChainBreak::kHashMismatch},
        Tamper{"record_id", FIELD_EDIT(e.record_id += "0"), 0, 0, ChainBreak::kHashMismatch},
        Tamper{"record_type", FIELD_EDIT(e.record_type = "user"), 0, 0, ChainBreak::kHashMismatch},
        Tamper{"hash_changed", FIELD_EDIT(e.hash[0] = e.hash[0] == 'a' ? 'b' : 'a'), 0, 0,
               ChainBreak::kHashMismatch},
        // A hash recomputed after an edit hides the edit at k, but k+1 no longer links to it.
        Tamper {
          "edit_and_rehash", FIELD_EDIT(e.after_json = "{}"; e.hash = ComputeHash(e.prev_hash, e)),
              1, 1, ChainBreak::kPrevLinkMismatch
        },
        Tamper{"prev_hash_changed", FIELD_EDIT(e.prev_hash = std::string(64, 'f')), 0, 0,
               ChainBreak::kPrevLinkMismatch},
        Tamper{"sequence_changed", FIELD_EDIT(e.sequence += 1000), 1000, 0,
               ChainBreak::kSequenceGap},
        // Deleting entry k: the entry found at k's place is k + 1.
        Tamper{"deleted", [](std::vector<AuditEntry>& c, int k) { c.erase(c.begin() + (k - 1)); },
               1, 0, ChainBreak::kSequenceGap},
        // Swapping k and k + 1: k + 1 is found where k was expected.
        Tamper{"reordered", [](std::vector<AuditEntry>& c, int k) { std::swap(c[k - 1], c[k]); }, 1,
               0, ChainBreak::kSequenceGap},
        // Swapping the contents but renumbering to hide it (what an UPDATE of the sequence
        // column does): the links give it away at k.
        Tamper{"reordered_and_renumbered",
               [](std::vector<AuditEntry>& c, int k) {
                 std::swap(c[k - 1], c[k]);
                 std::swap(c[k - 1].sequence, c[k].sequence);
               },
               0, 0, ChainBreak::kPrevLinkMismatch},
        // An entry inserted before k (a forged one that copies k's sequence).
        Tamper{"inserted",
               [](std::vector<AuditEntry>& c, int k) {
                 AuditEntry forged = c[k - 1];
                 forged.after_json = R"({"palsu":true})";
                 forged.hash = ComputeHash(forged.prev_hash, forged);
                 c.insert(c.begin() + (k - 1), forged);
               },
               // The forgery is a well-formed entry k; the genuine k after it is out of place.
               0, 1, ChainBreak::kSequenceGap},
        Tamper{"duplicated",
               [](std::vector<AuditEntry>& c, int k) { c.insert(c.begin() + k, c[k - 1]); }, 0, 1,
               ChainBreak::kSequenceGap}),
    [](const auto& info) { return std::string(info.param.name); });

#undef FIELD_EDIT

// --- Canonical form -------------------------------------------------------------------------

TEST(AuditCanonicalTest, LayoutIsAsDocumented) {
  AuditEntry e;
  e.sequence = 42;
  e.at = TimePoint(microseconds(1'751'356'800'123'456));
  e.actor_user_id = 7;
  e.actor_username = "budi";
  e.remote_address = "10.0.0.1";
  e.action = AuditAction::kUnmask;
  e.record_type = "worker";
  e.record_id = "99";
  e.regency_code = "35.14";
  e.before_json = "";
  e.after_json = "{}";
  const std::string bytes = CanonicalBytes(kGenesisHash, e);
  std::string expected;
  const auto field = [&expected](std::string_view f) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      expected.push_back(static_cast<char>((f.size() >> shift) & 0xFF));
    }
    expected.append(f);
  };
  for (const std::string_view f :
       {std::string_view("jaring.audit.v1"), kGenesisHash, std::string_view("42"),
        std::string_view("1751356800123456"), std::string_view("7"), std::string_view("budi"),
        std::string_view("10.0.0.1"), std::string_view("unmask"), std::string_view("worker"),
        std::string_view("99"), std::string_view("35.14"), std::string_view(""),
        std::string_view("{}")}) {
    field(f);
  }
  EXPECT_EQ(bytes, expected);
  EXPECT_EQ(bytes.size(), 13 * 8 + 15 + 64 + 2 + 16 + 1 + 4 + 8 + 6 + 6 + 2 + 5 + 0 + 2);
  // The stored hash and prev_hash fields are not part of the input.
  AuditEntry with_hashes = e;
  with_hashes.prev_hash = "x";
  with_hashes.hash = "y";
  EXPECT_EQ(CanonicalBytes(kGenesisHash, with_hashes), bytes);
  EXPECT_NE(CanonicalBytes(std::string(64, '1'), e), bytes);
}

TEST(AuditCanonicalTest, LengthPrefixesKeepShiftedBoundariesApart) {
  // With a separator-joined form these two would collide; with length prefixes they cannot.
  AuditEntry a;
  a.record_type = "worker";
  a.record_id = "12";
  AuditEntry b = a;
  b.record_type = "worker1";
  b.record_id = "2";
  EXPECT_NE(CanonicalBytes(kGenesisHash, a), CanonicalBytes(kGenesisHash, b));
  EXPECT_NE(ComputeHash(kGenesisHash, a), ComputeHash(kGenesisHash, b));
  // No actor and actor "" are the same (empty field); user id 0 is different.
  AuditEntry none = a;
  AuditEntry zero = a;
  zero.actor_user_id = 0;
  EXPECT_NE(ComputeHash(kGenesisHash, none), ComputeHash(kGenesisHash, zero));
  // Field contents that look like length prefixes are just bytes.
  AuditEntry tricky = a;
  tricky.before_json = std::string("\0\0\0\0\0\0\0\x02{}", 10);
  EXPECT_NE(ComputeHash(kGenesisHash, tricky), ComputeHash(kGenesisHash, a));
}

TEST(AuditCanonicalTest, TimeIsHashedAtMicrosecondsFlooredAndNegativeWorks) {
  AuditEntry a;
  a.at = TimePoint(nanoseconds(1'000'000'999));
  AuditEntry b;
  b.at = TimePoint(nanoseconds(1'000'000'000));
  EXPECT_EQ(ComputeHash(kGenesisHash, a), ComputeHash(kGenesisHash, b));
  b.at += microseconds(1);
  EXPECT_NE(ComputeHash(kGenesisHash, a), ComputeHash(kGenesisHash, b));
  AuditEntry before_epoch;
  before_epoch.at = TimePoint(nanoseconds(-1));  // floors to -1 µs
  EXPECT_NE(CanonicalBytes(kGenesisHash, before_epoch).find("-1"), std::string::npos);
  EXPECT_EQ(TruncateToMicros(TimePoint(nanoseconds(-1))), TimePoint(microseconds(-1)));
  EXPECT_EQ(TruncateToMicros(TimePoint(nanoseconds(2'999))), TimePoint(microseconds(2)));
}

TEST(AuditCanonicalTest, HashIsBlake2b256OfTheCanonicalBytes) {
  // Independent check, computed once with Python's hashlib over the documented layout:
  //   f = lambda b: struct.pack('>Q', len(b)) + b
  //   blake2b(b''.join(map(f, [b'jaring.audit.v1', b'0' * 64, b'1', b'0', b'', b'admin', b'',
  //                            b'sign_in', b'', b'', b'', b'', b''])), digest_size=32)
  AuditEntry e;
  e.sequence = 1;
  e.at = TimePoint(microseconds(0));
  e.action = AuditAction::kSignIn;
  e.actor_username = "admin";
  EXPECT_EQ(ComputeHash(kGenesisHash, e),
            "7087b25c638a98dba3cd88df15440b1c575f7acc4ec924e48e38ef8dc063cc78");
}

TEST(AuditChainTest, SealedEntriesSurviveAMicrosecondRoundTrip) {
  // Storage keeps `at` in microseconds; what it reads back must verify.
  std::vector<AuditEntry> chain = Chain1000();
  for (AuditEntry& e : chain) {
    const auto micros = std::chrono::duration_cast<microseconds>(e.at.time_since_epoch());
    e.at = TimePoint(micros);
  }
  EXPECT_TRUE(VerifyChain(chain).ok());
}

TEST(AuditChainTest, VerifierResumesAndChecksAnchors) {
  const auto& chain = Chain1000();
  // Two pages verified by two verifiers, the second resuming from the first's head.
  ChainVerifier first;
  for (int i = 0; i < 400; ++i) ASSERT_TRUE(first.Add(chain[i]));
  ChainVerifier second(first.report().head_sequence, first.report().head_hash);
  for (int i = 400; i < 1000; ++i) ASSERT_TRUE(second.Add(chain[i]));
  EXPECT_EQ(second.report().head_sequence, 1000);
  EXPECT_EQ(second.report().entries_checked, 600);

  // A tail rewritten from entry 700 on, every hash recomputed, verifies on its own ...
  std::vector<AuditEntry> rewritten = chain;
  rewritten[699].after_json = "{}";
  for (std::size_t i = 699; i < rewritten.size(); ++i) {
    SealEntry(rewritten[i], rewritten[i - 1].sequence, rewritten[i - 1].hash);
  }
  EXPECT_TRUE(VerifyChain(rewritten).ok());
  // ... but not against a head recorded elsewhere earlier (e.g. in last month's report).
  const std::vector<ChainAnchor> anchors = {{500, chain[499].hash}, {800, chain[799].hash}};
  EXPECT_TRUE(VerifyChain(chain, anchors).ok());
  const ChainReport report = VerifyChain(rewritten, anchors);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.first_break->reason, ChainBreak::kAnchorMismatch);
  EXPECT_EQ(report.first_break->sequence, 800);

  // After a break the verifier stays broken.
  ChainVerifier v;
  EXPECT_FALSE(v.Add(chain[1]));
  EXPECT_FALSE(v.Add(chain[0]));
  EXPECT_EQ(v.report().first_break->sequence, 2);
}

TEST(AuditActionTest, CodesRoundTripAndAreStable) {
  const std::vector<std::pair<AuditAction, const char*>> codes = {
      {AuditAction::kCreate, "create"},
      {AuditAction::kUpdate, "update"},
      {AuditAction::kDelete, "delete"},
      {AuditAction::kImport, "import"},
      {AuditAction::kDecision, "decision"},
      {AuditAction::kSignIn, "sign_in"},
      {AuditAction::kSignInFailed, "sign_in_failed"},
      {AuditAction::kSignOut, "sign_out"},
      {AuditAction::kPasswordChange, "password_change"},
      {AuditAction::kTokenIssue, "token_issue"},
      {AuditAction::kTokenRevoke, "token_revoke"},
      {AuditAction::kExport, "export"},
      {AuditAction::kUnmask, "unmask"},
  };
  for (const auto& [action, code] : codes) {
    EXPECT_EQ(AuditActionCode(action), code);
    EXPECT_EQ(AuditActionFromCode(code), action);
  }
  EXPECT_FALSE(AuditActionFromCode("").has_value());
  EXPECT_FALSE(AuditActionFromCode("CREATE").has_value());
}

}  // namespace
}  // namespace jaring::auth
