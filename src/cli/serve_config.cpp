#include "cli/serve_config.hpp"

#include <array>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

namespace jaring::cli {
namespace {

// What a value is refused for, without the value itself for secrets.
using Apply = std::optional<std::string> (*)(ServeOptions& options, std::string_view value);

std::optional<int> Integer(std::string_view text, int low, int high) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> Boolean(std::string_view text) {
  for (std::string_view yes : {"true", "1", "yes", "on"}) {
    if (text == yes) return true;
  }
  for (std::string_view no : {"false", "0", "no", "off"}) {
    if (text == no) return false;
  }
  return std::nullopt;
}

std::optional<std::string> NonEmpty(std::string& target, std::string_view value) {
  if (value.empty()) return "tidak boleh kosong";
  target = value;
  return std::nullopt;
}

// A whole number within [Low, High] into one of the options (threads, the pool's bounds).
template <int ServeOptions::*Member, int Low, int High>
std::optional<std::string> SetInteger(ServeOptions& options, std::string_view value) {
  const auto number = Integer(value, Low, High);
  if (!number) {
    return "harus bilangan bulat " + std::to_string(Low) + "-" + std::to_string(High);
  }
  options.*Member = *number;
  return std::nullopt;
}

struct Entry {
  ServeSetting setting;
  Apply apply;
};

constexpr std::array kEntries = {
    Entry{{"bind", "JARING_BIND", "--bind", "the address to listen on (127.0.0.1 behind a proxy)"},
          [](ServeOptions& o, std::string_view v) { return NonEmpty(o.bind, v); }},
    Entry{{"port", "JARING_PORT", "--port", "the port, 0 picks a free one"},
          [](ServeOptions& o, std::string_view v) -> std::optional<std::string> {
            const auto port = Integer(v, 0, 65535);
            if (!port) return "harus bilangan bulat 0-65535";
            o.port = static_cast<std::uint16_t>(*port);
            return std::nullopt;
          }},
    Entry{{"db", "JARING_DB", "--db", "the database: sqlite:PATH or postgresql://..."},
          [](ServeOptions& o, std::string_view v) -> std::optional<std::string> {
            if (!v.starts_with("sqlite:") && !v.starts_with("postgresql://") &&
                !v.starts_with("postgres://")) {
              return "harus sqlite:PATH atau postgresql://...";
            }
            o.db_url = v;
            return std::nullopt;
          }},
    Entry{{"web", "JARING_WEB", "--web", "the folder of the built front end (index.html)"},
          [](ServeOptions& o, std::string_view v) { return NonEmpty(o.web_root, v); }},
    Entry{{"data_dir", "JARING_DATA_DIR", "--data-dir",
           "files kept outside the database: the card signing key, claim documents"},
          [](ServeOptions& o, std::string_view v) { return NonEmpty(o.data_dir, v); }},
    Entry{{"threads", "JARING_THREADS", "--threads",
           "server threads, 0: four per core (8 to 32)"},
          SetInteger<&ServeOptions::threads, 0, 256>},
    Entry{{"log_level", "JARING_LOG_LEVEL", "--log-level", "trace, debug, info, warn or error"},
          [](ServeOptions& o, std::string_view v) -> std::optional<std::string> {
            for (std::string_view level : {"trace", "debug", "info", "warn", "error"}) {
              if (v == level) {
                o.log_level = v;
                return std::nullopt;
              }
            }
            return "harus trace, debug, info, warn atau error";
          }},
    Entry{{"secure_cookies", "JARING_SECURE_COOKIES", "--secure-cookies",
           "mark the session cookie Secure always (true/false)"},
          [](ServeOptions& o, std::string_view v) -> std::optional<std::string> {
            const auto flag = Boolean(v);
            if (!flag) return "harus true atau false";
            o.secure_cookies = *flag;
            return std::nullopt;
          }},
    Entry{{"metrics_token", "JARING_METRICS_TOKEN", "",
           "a bearer token that may read /metrics from anywhere (16+ characters); unset: "
           "loopback only"},
          [](ServeOptions& o, std::string_view v) -> std::optional<std::string> {
            if (v.size() < 16) return "minimal 16 karakter";
            for (const char c : v) {
              const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                              (c >= '0' && c <= '9') ||
                              std::string_view("-._~+/=").find(c) != std::string_view::npos;
              if (!ok) return "hanya huruf, angka dan -._~+/=";
            }
            o.metrics_token = v;
            return std::nullopt;
          }},
    // The database pool and PostgreSQL's bounds (docs/operations.md, "High availability").
    Entry{{"db_pool_size", "JARING_DB_POOL_SIZE", "--db-pool-size",
           "database connections, 0: server threads + 2"},
          SetInteger<&ServeOptions::db_pool_size, 0, 1'000>},
    Entry{{"db_acquire_timeout", "JARING_DB_ACQUIRE_TIMEOUT", "--db-acquire-timeout",
           "seconds a request waits for a free connection before a 503"},
          SetInteger<&ServeOptions::db_acquire_timeout, 1, 3'600>},
    Entry{{"db_statement_timeout", "JARING_DB_STATEMENT_TIMEOUT", "--db-statement-timeout",
           "PostgreSQL statement_timeout in seconds, 0: none"},
          SetInteger<&ServeOptions::db_statement_timeout, 0, 86'400>},
    Entry{{"db_lock_timeout", "JARING_DB_LOCK_TIMEOUT", "--db-lock-timeout",
           "PostgreSQL lock_timeout in seconds, 0: none"},
          SetInteger<&ServeOptions::db_lock_timeout, 0, 86'400>},
    Entry{{"db_idle_in_transaction_timeout", "JARING_DB_IDLE_IN_TRANSACTION_TIMEOUT",
           "--db-idle-in-transaction-timeout",
           "PostgreSQL idle_in_transaction_session_timeout in seconds, 0: none"},
          SetInteger<&ServeOptions::db_idle_in_transaction_timeout, 0, 86'400>},
};

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::string KnownKeys() {
  std::string keys;
  for (const auto& entry : kEntries) {
    if (!keys.empty()) keys += ", ";
    keys += entry.setting.key;
  }
  return keys;
}

const Entry* Find(std::string_view key) {
  for (const auto& entry : kEntries) {
    if (entry.setting.key == key) return &entry;
  }
  return nullptr;
}

// The file's values by key, each with where it was written ("FILE baris N").
struct FileValue {
  std::string value, where;
};

Result<std::map<std::string, FileValue, std::less<>>> ReadConfigFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return Fail(Error::NotFound("Berkas konfigurasi tidak ditemukan: " + path));
    }
    return Fail(Error::PermissionDenied("Berkas konfigurasi tidak dapat dibaca: " + path));
  }
  std::map<std::string, FileValue, std::less<>> values;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = path + " baris " + std::to_string(number);
    const std::string text = Trim(line);
    if (text.empty() || text.front() == '#') continue;
    const auto equals = text.find('=');
    if (equals == std::string::npos) {
      return Fail(Error::InvalidArgument(where + ": harus berbentuk kunci = nilai"));
    }
    const std::string key = Trim(std::string_view(text).substr(0, equals));
    std::string value = Trim(std::string_view(text).substr(equals + 1));
    if (Find(key) == nullptr) {
      return Fail(Error::InvalidArgument(where + ": kunci tidak dikenal \"" + key +
                                         "\" (yang dikenal: " + KnownKeys() + ")"));
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    } else if (value.find('"') != std::string::npos) {
      return Fail(
          Error::InvalidArgument(where + ": tanda kutip nilai " + key + " tidak berpasangan"));
    }
    if (values.contains(key)) {
      return Fail(Error::InvalidArgument(where + ": kunci " + key + " sudah diberikan"));
    }
    values.emplace(key, FileValue{std::move(value), where});
  }
  return values;
}

}  // namespace

std::span<const ServeSetting> ServeSettings() {
  static const auto settings = [] {
    std::array<ServeSetting, kEntries.size()> out;
    for (std::size_t i = 0; i < kEntries.size(); ++i) out[i] = kEntries[i].setting;
    return out;
  }();
  return settings;
}

GetEnv ProcessEnvironment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

Status ResolveServeSettings(ServeOptions& options, const std::set<std::string>& given,
                            const std::string& config_path, const std::string& default_db_url,
                            const GetEnv& getenv) {
  std::map<std::string, FileValue, std::less<>> file;
  if (!config_path.empty()) {
    auto read = ReadConfigFile(config_path);
    if (!read) return Fail(read.error());
    file = std::move(*read);
  }
  for (const auto& entry : kEntries) {
    const std::string key(entry.setting.key);
    if (given.contains(key)) continue;
    std::string value, where;
    if (auto from_env = getenv(entry.setting.environment)) {
      value = std::move(*from_env);
      where = std::string(entry.setting.environment);
    } else if (const auto it = file.find(key); it != file.end()) {
      value = it->second.value;
      where = it->second.where;
    } else {
      continue;
    }
    if (auto refused = entry.apply(options, value)) {
      const bool secret = key == "metrics_token";
      return Fail(Error::InvalidArgument(where + ": nilai " + key + " " + *refused +
                                         (secret ? "" : " (bukan \"" + value + "\")")));
    }
  }
  if (options.db_url.empty()) options.db_url = default_db_url;
  return {};
}

}  // namespace jaring::cli
