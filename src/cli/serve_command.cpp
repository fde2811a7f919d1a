#include "cli/serve_command.hpp"

#include "cli/db_option.hpp"
#include "cli/serve_config.hpp"

namespace jaring::cli {
namespace {

// The pool and the PostgreSQL bounds (seconds, 0 = off), each with its default shown in --help.
void AddPoolOptions(CLI::App& sub, ServeOptions& options) {
  const auto seconds = CLI::Range(0, 86'400);
  sub.add_option("--db-pool-size", options.db_pool_size,
                 "Sambungan basis data (0: jumlah thread + 2)")
      ->check(CLI::Range(0, 1'000))
      ->capture_default_str();
  sub.add_option("--db-acquire-timeout", options.db_acquire_timeout,
                 "Detik menunggu sambungan bebas sebelum menjawab 503 (pool wait, s)")
      ->check(CLI::Range(1, 3'600))
      ->capture_default_str();
  sub.add_option("--db-statement-timeout", options.db_statement_timeout,
                 "PostgreSQL statement_timeout, detik (0: tanpa batas)")
      ->check(seconds)
      ->capture_default_str();
  sub.add_option("--db-lock-timeout", options.db_lock_timeout,
                 "PostgreSQL lock_timeout, detik (0: tanpa batas)")
      ->check(seconds)
      ->capture_default_str();
  sub.add_option("--db-idle-in-transaction-timeout", options.db_idle_in_transaction_timeout,
                 "PostgreSQL idle_in_transaction_session_timeout, detik (0: tanpa batas)")
      ->check(seconds)
      ->capture_default_str();
}

}  // namespace

void AddServeCommand(CLI::App& root, const Environment& env, ServeFunction serve,
                     CommandAction& action) {
  auto options = std::make_shared<ServeOptions>();
  auto* sub = root.add_subcommand("serve", "Menjalankan server web dan API (serve the web app)");
  sub->add_option("--bind", options->bind, "Alamat yang didengarkan (listen address)")
      ->capture_default_str();
  sub->add_option("--port", options->port, "Port; 0 memilih port bebas (0 picks a free port)")
      ->capture_default_str();
  AddDbOption(*sub, options->db_url);
  sub->add_option("--web", options->web_root, "Folder antarmuka web yang sudah dibangun")
      ->capture_default_str();
  sub->add_flag("--demo", options->demo,
                "Isi data demo (Kab. Pasuruan, 28.448 pekerja) bila basis data kosong");
  sub->add_flag("--demo-story", options->demo_story,
                "Isi cerita demo (3 kabupaten, 2 bulan verval, program, klaim) bila basis data "
                "kosong; termasuk --demo");
  sub->add_option("--threads", options->threads, "Jumlah thread server (0: empat per inti, 8 sampai 32)")
      ->check(CLI::Range(0, 256));
  sub->add_flag("--secure-cookies", options->secure_cookies,
                "Tandai cookie sesi Secure selalu (di balik proxy TLS tanpa X-Forwarded-Proto)");
  sub->add_option("--log-level", options->log_level, "trace|debug|info|warn|error")
      ->capture_default_str();
  sub->add_option("--data-dir", options->data_dir,
                  "Folder berkas di luar basis data: kunci kartu, dokumen klaim (default: "
                  "JARING_DATA_DIR atau var)");
  sub->add_option("--config", options->config_path,
                  "Berkas konfigurasi kunci = nilai (docs/operations.md); baris perintah dan "
                  "JARING_* didahulukan")
      ->envname("JARING_CONFIG");
  AddPoolOptions(*sub, *options);
  sub->callback([options, sub, &env, serve, &action] {
    // What the command line gave wins; the rest comes from JARING_*, the file, the defaults.
    std::set<std::string> given;
    for (const auto& setting : ServeSettings()) {
      if (!setting.option.empty() && sub->get_option(std::string(setting.option))->count() > 0) {
        given.insert(std::string(setting.key));
      }
    }
    const Status resolved = ResolveServeSettings(*options, given, options->config_path,
                                                 env.default_db_url, ProcessEnvironment());
    if (!resolved) {
      action = [resolved] { return resolved; };
      return;
    }
    if (options->demo_story) options->demo = true;
    action = [options, serve] { return serve(*options); };
  });
}

}  // namespace jaring::cli
