#include "cli/serve_config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace jaring::cli {
namespace {

class ServeConfigTest : public testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(path_); }

  std::string File(const std::string& text) {
    std::ofstream(path_) << text;
    return path_.string();
  }
  GetEnv Env() const {
    return [this](std::string_view name) -> std::optional<std::string> {
      const auto it = env_.find(std::string(name));
      if (it == env_.end()) return std::nullopt;
      return it->second;
    };
  }
  Status Resolve(ServeOptions& options, const std::set<std::string>& given,
                 const std::string& file) {
    return ResolveServeSettings(options, given, file, "sqlite:var/jaring.db", Env());
  }

  std::filesystem::path path_ = std::filesystem::temp_directory_path() /
                                ("jaring-serve-config-" + std::to_string(::getpid()) + ".conf");
  std::map<std::string, std::string> env_;
};

TEST_F(ServeConfigTest, CommandLineThenEnvironmentThenFileThenDefault) {
  const std::string file = File(
      "# jaring\n"
      "\n"
      "port = 9000\n"
      "bind = 0.0.0.0\n"
      "web = \"/usr/share/jaring/web\"\n"
      "db = \"sqlite:/var/lib/jaring/jaring#1.db\"\n"
      "  log_level=debug  \n"
      "metrics_token = abcdefghijklmnop+1/=\n");
  env_["JARING_BIND"] = "127.0.0.2";
  env_["JARING_PORT"] = "9100";
  ServeOptions options;
  options.port = 8181;  // as if --port 8181 was given
  const Status resolved = Resolve(options, {"port"}, file);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(options.port, 8181);                                    // command line
  EXPECT_EQ(options.bind, "127.0.0.2");                             // environment over the file
  EXPECT_EQ(options.web_root, "/usr/share/jaring/web");             // file, quotes removed
  EXPECT_EQ(options.db_url, "sqlite:/var/lib/jaring/jaring#1.db");  // a # in quotes is kept
  EXPECT_EQ(options.log_level, "debug");
  EXPECT_EQ(options.metrics_token, "abcdefghijklmnop+1/=");
  EXPECT_EQ(options.threads, 0);  // default
  EXPECT_FALSE(options.secure_cookies);
}

TEST_F(ServeConfigTest, WithoutAFileTheEnvironmentAndDefaultsApply) {
  env_["JARING_SECURE_COOKIES"] = "true";
  env_["JARING_DB"] = "postgresql://jaring@db/jaring";
  ServeOptions options;
  ASSERT_TRUE(Resolve(options, {}, ""));
  EXPECT_TRUE(options.secure_cookies);
  EXPECT_EQ(options.db_url, "postgresql://jaring@db/jaring");
  EXPECT_EQ(options.port, 8080);
  ServeOptions plain;
  env_.clear();
  ASSERT_TRUE(Resolve(plain, {}, ""));
  EXPECT_EQ(plain.db_url, "sqlite:var/jaring.db");
}

TEST_F(ServeConfigTest, RefusesWhatItCannotReadNamingTheLine) {
  struct Case {
    std::string text, message;
  };
  for (const Case& c : std::vector<Case>{
           {"port = 9000\nprot = 9001\n", "baris 2: kunci tidak dikenal \"prot\""},
           {"port = 70000\n", "baris 1: nilai port harus bilangan bulat 0-65535 (bukan \"70000\")"},
           {"port = 80a\n", "nilai port harus bilangan bulat"},
           {"threads = -1\n", "nilai threads"},
           {"log_level = loud\n", "nilai log_level harus trace"},
           {"secure_cookies = maybe\n", "nilai secure_cookies harus true atau false"},
           {"db = mysql://x\n", "nilai db harus sqlite:PATH"},
           {"web =\n", "nilai web tidak boleh kosong"},
           {"port 9000\n", "baris 1: harus berbentuk kunci = nilai"},
           {"port = 1\nport = 2\n", "baris 2: kunci port sudah diberikan"},
           {"bind = \"127.0.0.1\n", "tanda kutip"},
       }) {
    ServeOptions options;
    const Status status = Resolve(options, {}, File(c.text));
    ASSERT_FALSE(status) << c.text;
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument) << c.text;
    EXPECT_NE(status.error().message.find(c.message), std::string::npos)
        << c.text << " -> " << status.error().message;
  }
}

TEST_F(ServeConfigTest, ThePoolAndPostgresBoundsComeFromTheFileAndTheEnvironment) {
  const std::string file = File(
      "db_pool_size = 24\n"
      "db_acquire_timeout = 5\n"
      "db_statement_timeout = 0\n"
      "db_lock_timeout = 12\n"
      "db_idle_in_transaction_timeout = 60\n");
  env_["JARING_DB_LOCK_TIMEOUT"] = "7";
  ServeOptions options;
  options.db_acquire_timeout = 3;  // as if --db-acquire-timeout 3 was given
  const Status resolved = Resolve(options, {"db_acquire_timeout"}, file);
  ASSERT_TRUE(resolved) << resolved.error().message;
  EXPECT_EQ(options.db_pool_size, 24);
  EXPECT_EQ(options.db_acquire_timeout, 3);    // command line
  EXPECT_EQ(options.db_statement_timeout, 0);  // 0 turns it off
  EXPECT_EQ(options.db_lock_timeout, 7);       // environment over the file
  EXPECT_EQ(options.db_idle_in_transaction_timeout, 60);

  ServeOptions defaults;
  env_.clear();
  ASSERT_TRUE(Resolve(defaults, {}, ""));
  EXPECT_EQ(defaults.db_pool_size, 0);
  EXPECT_EQ(defaults.db_statement_timeout, 120);

  for (const char* bad : {"db_acquire_timeout = 0\n", "db_pool_size = 1001\n",
                                 "db_statement_timeout = -1\n", "db_lock_timeout = 1s\n"}) {
    ServeOptions refused;
    const Status status = Resolve(refused, {}, File(bad));
    ASSERT_FALSE(status) << bad;
    EXPECT_NE(status.error().message.find("harus bilangan bulat"), std::string::npos)
        << status.error().message;
  }
}

TEST_F(ServeConfigTest, RefusesABadEnvironmentValueAndNeverEchoesTheToken) {
  env_["JARING_PORT"] = "delapan";
  ServeOptions options;
  Status status = Resolve(options, {}, "");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("JARING_PORT: nilai port"), std::string::npos);

  env_.clear();
  env_["JARING_METRICS_TOKEN"] = "pendek rahasia";
  status = Resolve(options, {}, "");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("metrics_token minimal 16"), std::string::npos);
  EXPECT_EQ(status.error().message.find("rahasia"), std::string::npos);
}

TEST_F(ServeConfigTest, AMissingFileIsNotFound) {
  ServeOptions options;
  const Status status = Resolve(options, {}, "/nonexistent/jaring.conf");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kNotFound);
}

TEST_F(ServeConfigTest, TheTableHasEachKeyVariableAndOptionOnce) {
  std::set<std::string_view> keys, variables;
  for (const auto& setting : ServeSettings()) {
    EXPECT_TRUE(keys.insert(setting.key).second) << setting.key;
    EXPECT_TRUE(variables.insert(setting.environment).second) << setting.environment;
    EXPECT_TRUE(setting.environment.starts_with("JARING_"));
  }
  EXPECT_TRUE(keys.contains("metrics_token"));
}

}  // namespace
}  // namespace jaring::cli
