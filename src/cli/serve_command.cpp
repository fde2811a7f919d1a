#include "cli/serve_command.hpp"

#include "cli/db_option.hpp"

namespace jaring::cli {

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
  sub->add_option("--threads", options->threads, "Jumlah thread server (0: empat per inti, 8 sampai 32)");
  sub->add_flag("--secure-cookies", options->secure_cookies,
                "Tandai cookie sesi Secure selalu (di balik proxy TLS tanpa X-Forwarded-Proto)")
      ->envname("JARING_SECURE_COOKIES");
  sub->add_option("--log-level", options->log_level, "trace|debug|info|warn|error")
      ->capture_default_str();
  sub->callback([options, &env, serve, &action] {
    ResolveDbUrl(env, options->db_url);
    if (options->demo_story) options->demo = true;
    action = [options, serve] { return serve(*options); };
  });
}

}  // namespace jaring::cli
