// Design notes
//  - The child is started with posix_spawn and its two output pipes are drained with poll(),
//    so neither a full stdout (pg_restore --list of a large archive) nor a chatty stderr can
//    block it; poll's timeout is the tick that drives the caller's progress.
//  - The conninfo handed to the tool is rebuilt from libpq's own parse of the URI
//    (PQconninfoParse), so every parameter the server connection used (host, port, sslmode,
//    options=-csearch_path=...) reaches the tool as it reached jaring, except the password.
#include "storage/sql/pg_tools.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <utility>

extern char** environ;

namespace jaring::storage::sql {
namespace {

constexpr std::size_t kErrTailBytes = 16 * 1024;
constexpr int kTickMillis = 200;

std::string QuoteConninfoValue(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

bool IsExecutable(const std::filesystem::path& path) {
  return ::access(path.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(path);
}

// The newest major version's bin folder under /usr/lib/postgresql holding `name`.
std::string FromDebianLayout(std::string_view name) {
  std::error_code ec;
  int best_major = -1;
  std::string best;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string major_text = entry.path().filename().string();
    char* end = nullptr;
    const long major = std::strtol(major_text.c_str(), &end, 10);
    if (end == major_text.c_str() || *end != '\0') continue;
    const auto tool = entry.path() / "bin" / std::string(name);
    if (major > best_major && IsExecutable(tool)) {
      best_major = static_cast<int>(major);
      best = tool.string();
    }
  }
  return best;
}

std::string FromPath(std::string_view name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return "";
  std::string_view rest(path);
  while (!rest.empty()) {
    const std::size_t colon = rest.find(':');
    const std::string_view dir = rest.substr(0, colon);
    const auto tool =
        std::filesystem::path(dir.empty() ? "." : std::string(dir)) / std::string(name);
    if (IsExecutable(tool)) return tool.string();
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return "";
}

// The child's environment: ours, with PGPASSWORD replaced when we have one.
std::vector<std::string> ChildEnvironment(const std::string& password) {
  std::vector<std::string> env;
  bool has_timeout = false;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (!password.empty() && entry.starts_with("PGPASSWORD=")) continue;
    if (entry.starts_with("PGCONNECT_TIMEOUT=")) has_timeout = true;
    env.emplace_back(entry);
  }
  if (!password.empty()) env.push_back("PGPASSWORD=" + password);
  if (!has_timeout) env.push_back("PGCONNECT_TIMEOUT=30");  // never wait forever on a dead host
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

}  // namespace

Result<PgConnection> SplitPassword(const std::string& url) {
  char* message = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
  if (options == nullptr) {
    PQfreemem(message);  // may quote the URL: never shown
    return Fail(
        Error::InvalidArgument("URL basis data PostgreSQL tidak valid", "op=backup.conninfo"));
  }
  PgConnection connection;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') continue;
    if (std::strcmp(o->keyword, "password") == 0) {
      connection.password = o->val;
      continue;
    }
    if (!connection.conninfo.empty()) connection.conninfo += ' ';
    connection.conninfo += std::string(o->keyword) + "=" + QuoteConninfoValue(o->val);
  }
  PQconninfoFree(options);
  return connection;
}

Result<std::string> FindPgTool(std::string_view name) {
  if (const char* dir = std::getenv("JARING_PG_BIN"); dir != nullptr && *dir != '\0') {
    const auto tool = std::filesystem::path(dir) / std::string(name);
    if (IsExecutable(tool)) return tool.string();
    return Fail(Error::Unavailable(std::string(name) + " tidak ada di JARING_PG_BIN (" + dir + ")",
                                   "op=backup.find_tool"));
  }
  if (std::string tool = FromDebianLayout(name); !tool.empty()) return tool;
  if (std::string tool = FromPath(name); !tool.empty()) return tool;
  return Fail(Error::Unavailable(
      std::string(name) + " tidak ditemukan: pasang paket Debian postgresql-client",
      "op=backup.find_tool"));
}

Result<ToolRun> RunTool(const std::vector<std::string>& argv, const std::string& password,
                        const std::function<void()>& tick) {
  std::array<int, 2> out_pipe{-1, -1};
  std::array<int, 2> err_pipe{-1, -1};
  if (::pipe2(out_pipe.data(), O_CLOEXEC) != 0 || ::pipe2(err_pipe.data(), O_CLOEXEC) != 0) {
    const int err = errno;
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      if (fd >= 0) ::close(fd);
    }
    return Fail(Error::Unavailable("Program PostgreSQL tidak dapat dijalankan",
                                   "op=backup.pipe errno=" + std::to_string(err)));
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  std::vector<std::string> args = argv;
  std::vector<std::string> env = ChildEnvironment(password);
  std::vector<char*> arg_pointers = Pointers(args);
  std::vector<char*> env_pointers = Pointers(env);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, args[0].c_str(), &actions, nullptr, arg_pointers.data(),
                                    env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    return Fail(Error::Unavailable("Program PostgreSQL tidak dapat dijalankan: " + args[0],
                                   "op=backup.spawn errno=" + std::to_string(spawned)));
  }
  ToolRun run;
  std::array<pollfd, 2> fds{{{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}}};
  std::array<char, 65536> buffer{};
  int open_pipes = 2;
  auto next_tick = std::chrono::steady_clock::now();
  while (open_pipes > 0) {
    const int ready = ::poll(fds.data(), fds.size(), kTickMillis);
    if (ready < 0 && errno != EINTR) break;
    if (tick && std::chrono::steady_clock::now() >= next_tick) {
      tick();
      next_tick = std::chrono::steady_clock::now() + std::chrono::milliseconds(kTickMillis);
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      const ssize_t n = ::read(fds[i].fd, buffer.data(), buffer.size());
      if (n > 0) {
        std::string& sink = i == 0 ? run.out : run.err;
        sink.append(buffer.data(), static_cast<std::size_t>(n));
        if (i == 1 && sink.size() > 2 * kErrTailBytes) sink.erase(0, sink.size() - kErrTailBytes);
      } else if (n == 0 || errno != EINTR) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_pipes;
      }
    }
  }
  for (const pollfd& fd : fds) {
    if (fd.fd >= 0) ::close(fd.fd);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (run.err.size() > kErrTailBytes) run.err.erase(0, run.err.size() - kErrTailBytes);
  return run;
}

std::string ToolErrorTail(const ToolRun& run) {
  std::string tail = run.err;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == ' ')) tail.pop_back();
  constexpr std::size_t kShown = 600;
  if (tail.size() > kShown) tail = "..." + tail.substr(tail.size() - kShown);
  for (char& c : tail) {
    if (c == '\n') c = ' ';
  }
  return "exit=" + std::to_string(run.exit_code) + " stderr: " + tail;
}

}  // namespace jaring::storage::sql
