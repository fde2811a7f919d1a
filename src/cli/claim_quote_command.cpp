#include "cli/claim_quote_command.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/db_option.hpp"
#include "domain/date_format.hpp"
#include "domain/money.hpp"
#include "policy/benefit.hpp"
#include "services/claim_assessment.hpp"
#include "services/policy_service.hpp"

namespace jaring::cli {
namespace {

struct QuoteArgs {
  std::string db_url, kind, member_since, event, child_levels, as_of;
  std::string income = "1000000", outcome = "death";
  int paid_months = 0, children = 0, unable_months = 0;
  CLI::Option* paid_option = nullptr;
  bool json = false;
};

Result<policy::Date> ParseDate(const std::string& text, std::string_view option) {
  auto date = domain::ParseIsoDate(text);
  if (!date) {
    return Fail(Error::InvalidArgument(std::string(option) +
                                       " harus berbentuk YYYY-MM-DD, bukan \"" + text + "\""));
  }
  return *date;
}

Result<std::vector<std::string>> SplitLevels(const std::string& text) {
  std::vector<std::string> levels;
  if (text.empty()) return levels;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    std::string level = text.substr(start, comma == std::string::npos ? comma : comma - start);
    while (!level.empty() && level.front() == ' ') level.erase(0, 1);
    while (!level.empty() && level.back() == ' ') level.pop_back();
    if (level.empty()) {
      return Fail(Error::InvalidArgument("--child-levels berisi jenjang kosong: \"" + text + "\""));
    }
    levels.push_back(std::move(level));
    if (comma == std::string::npos) return levels;
    start = comma + 1;
  }
}

Result<policy::BenefitQuery> ToQuery(const QuoteArgs& args) {
  policy::BenefitQuery q;
  auto kind = policy::ParseClaimKind(args.kind);
  if (!kind) return Fail(std::move(kind.error()));
  q.kind = *kind;
  auto outcome = policy::ParseJkkOutcome(args.outcome);
  if (!outcome) return Fail(std::move(outcome.error()));
  q.outcome = *outcome;
  auto since = ParseDate(args.member_since, "--member-since");
  if (!since) return Fail(std::move(since.error()));
  q.member_since = *since;
  auto event = ParseDate(args.event, "--event");
  if (!event) return Fail(std::move(event.error()));
  q.event = *event;
  if (args.as_of.empty()) {
    q.as_of = std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  } else {
    auto as_of = ParseDate(args.as_of, "--as-of");
    if (!as_of) return Fail(std::move(as_of.error()));
    q.as_of = *as_of;
  }
  auto income = domain::ParseRupiah(args.income);
  if (!income) {
    return Fail(
        Error::InvalidArgument("--income harus jumlah rupiah, bukan \"" + args.income + "\""));
  }
  q.income = *income;
  if (args.paid_option->count() > 0) q.paid_months = args.paid_months;
  q.children_in_school = args.children;
  q.unable_to_work_months = args.unable_months;
  auto levels = SplitLevels(args.child_levels);
  if (!levels) return Fail(std::move(levels.error()));
  q.child_levels = std::move(*levels);
  return q;
}

// The stored rule versions, or the built-in ones when the database does not exist: a SQLite
// file nobody created holds no version, and a quote must not create it.
Result<policy::PolicyBook> LoadBook(const Environment& env, const std::string& db_url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (db_url.starts_with(kSqlite)) {
    const std::string path = db_url.substr(kSqlite.size());
    std::error_code error;
    if (path == ":memory:" || !std::filesystem::exists(path, error)) {
      return services::BookOf({});
    }
  }
  auto backend = OpenBackend(env, db_url);
  if (!backend) return Fail(std::move(backend.error()));
  return (*backend)->Policies().Book();
}

void PrintForPeople(const policy::BenefitQuery& q, const policy::BenefitQuote& quote) {
  std::printf("perkiraan manfaat %s, kejadian %s, peserta sejak %s\n",
              q.kind == policy::ClaimKind::kJkm ? "JKM" : "JKK",
              domain::FormatDateIndonesian(q.event).c_str(),
              domain::FormatDateIndonesian(q.member_since).c_str());
  if (!quote.eligible) {
    std::printf("  tidak berhak: %s\n", quote.reason.c_str());
  } else {
    for (const policy::BenefitItem& item : quote.items) {
      std::printf("  %-58s %16s\n      %s\n", item.name.c_str(),
                  domain::FormatRupiah(item.amount).c_str(), item.detail.c_str());
    }
    std::printf("  %-58s %16s\n", "Jumlah", domain::FormatRupiah(quote.total).c_str());
    std::printf("  %s\n", quote.reason.c_str());
  }
  std::printf("  kepesertaan %d bulan, iuran dibayar %d bulan\n", quote.membership_months,
              quote.paid_months);
  std::printf("  dasar hukum: %s (versi berlaku mulai %s)\n", quote.legal_reference.c_str(),
              domain::FormatDateIndonesian(quote.version_from).c_str());
}

Status Quote(const Environment& env, const QuoteArgs& args) {
  auto query = ToQuery(args);
  if (!query) return Fail(std::move(query.error()));
  auto book = LoadBook(env, args.db_url);
  if (!book) return Fail(std::move(book.error()));
  auto quote = policy::QuoteBenefit(*book, *query);
  if (!quote) return Fail(std::move(quote.error()));
  if (args.json) {
    std::printf("%s\n", services::claims::QuoteToJson(*quote).dump().c_str());
  } else {
    PrintForPeople(*query, *quote);
  }
  return {};
}

}  // namespace

void AddClaimQuoteSubcommand(CLI::App& claim, const Environment& env, CommandAction& action) {
  auto args = std::make_shared<QuoteArgs>();
  auto* quote = claim.add_subcommand("quote", "Perkiraan manfaat pada tanggal kejadian");
  quote->add_option("--kind", args->kind, "jkm (meninggal bukan kecelakaan kerja) atau jkk")
      ->required();
  quote->add_option("--member-since", args->member_since, "Awal kepesertaan, YYYY-MM-DD")
      ->required();
  quote->add_option("--event", args->event, "Tanggal meninggal atau kecelakaan, YYYY-MM-DD")
      ->required();
  args->paid_option =
      quote->add_option("--paid-months", args->paid_months,
                        "Bulan iuran dibayar sampai kejadian (bawaan: bulan penuh kepesertaan)");
  quote->add_option("--income", args->income,
                    "Penghasilan bulanan yang dilaporkan, rupiah (bawaan 1000000; untuk JKK)");
  quote->add_option("--outcome", args->outcome,
                    "Akibat kecelakaan kerja: death, total_disability atau injury (bawaan death)");
  quote->add_option("--children-in-school", args->children, "Anak yang bersekolah");
  quote->add_option("--child-levels", args->child_levels,
                    "Jenjang tiap anak, dipisah koma: tk_sd,smp,sma,perguruan_tinggi");
  quote->add_option("--unable-months", args->unable_months,
                    "JKK luka: bulan tidak mampu bekerja (STMB)");
  quote->add_option("--as-of", args->as_of,
                    "Tanggal pengajuan klaim, YYYY-MM-DD (bawaan: hari ini; batas klaim JKK)");
  AddDbOption(*quote, args->db_url);
  quote->add_flag("--json", args->json, "JSON di stdout");
  quote->callback([args, &env, &action] {
    ResolveDbUrl(env, args->db_url);
    action = [args, &env]() -> Status { return Quote(env, *args); };
  });
}

}  // namespace jaring::cli
