// Design notes
//  - Append-only: there is an INSERT and a SELECT, and nothing else, so no code path can edit
//    a version in place.
//  - Dates are {{date}} columns (DATE on PostgreSQL), read back as text with CAST; the table is
//    small (a few versions a year), so List reads it whole.
#include "storage/sql/policy_repository.hpp"

#include "storage/sql/account_repository.hpp"
#include "storage/sql/verval_common.hpp"

namespace jaring::storage::sql {

using soci::into;
using soci::use;

Status SqlPolicyRepository::Lock() {
  if (runner_.engine() != Engine::kPostgres) return {};
  return runner_.Run<void>("policy.lock", CallMode::kWrite, [&](soci::session& s) -> Status {
    s << "LOCK TABLE policy_versions IN SHARE ROW EXCLUSIVE MODE";
    return {};
  });
}

Result<std::int64_t> SqlPolicyRepository::Insert(const StoredPolicyVersion& version) {
  if (version.family.empty() || version.effective_from.empty()) {
    return Fail(Error::InvalidArgument("versi kebijakan tanpa jenis atau tanggal mulai",
                                       "op=policy.insert"));
  }
  if (auto ok = verval::CheckDate(version.effective_from, "effective_from"); !ok)
    return Fail(ok.error());
  if (auto ok = verval::CheckDate(version.effective_until, "effective_until"); !ok) {
    return Fail(ok.error());
  }
  if (auto ok = verval::CheckJson(version.document, "document"); !ok) return Fail(ok.error());
  return runner_.Run<std::int64_t>(
      "policy.insert", CallMode::kWrite, [&](soci::session& s) -> Result<std::int64_t> {
        std::string family = version.family, from = version.effective_from,
                    reference = version.legal_reference, certainty = version.certainty,
                    document = version.document, actor = version.actor;
        verval::DateValue until;
        until.Set(version.effective_until);
        long long created =
            version.created_at_us != 0 ? version.created_at_us : ToMicros(clock_->Now());
        long long id = 0;
        s << "INSERT INTO policy_versions (family, effective_from, effective_until, "
             "legal_reference, certainty, document, actor, created_at) VALUES (:f, :b, :u, :l, "
             ":c, :d, :a, :t) RETURNING id",
            use(family), use(from), use(until.value, until.indicator), use(reference),
            use(certainty), use(document), use(actor), use(created), into(id);
        return static_cast<std::int64_t>(id);
      });
}

Result<std::vector<StoredPolicyVersion>> SqlPolicyRepository::List() {
  return runner_.Run<std::vector<StoredPolicyVersion>>(
      "policy.list", CallMode::kRead,
      [&](soci::session& s) -> Result<std::vector<StoredPolicyVersion>> {
        std::vector<StoredPolicyVersion> out;
        StoredPolicyVersion row;
        verval::DateValue until;
        long long id = 0, created = 0;
        soci::statement st =
            (s.prepare << "SELECT id, family, CAST(effective_from AS TEXT), "
                          "CAST(effective_until AS TEXT), legal_reference, certainty, document, "
                          "actor, created_at FROM policy_versions ORDER BY family, "
                          "effective_from, id",
             into(id), into(row.family), into(row.effective_from),
             into(until.value, until.indicator), into(row.legal_reference), into(row.certainty),
             into(row.document), into(row.actor), into(created));
        st.execute();
        while (st.fetch()) {
          row.id = id;
          row.created_at_us = created;
          row.effective_until = until.Get();
          out.push_back(row);
        }
        return out;
      });
}

}  // namespace jaring::storage::sql
