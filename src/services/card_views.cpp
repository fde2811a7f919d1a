#include "services/card_views.hpp"

namespace jaring::services {

nlohmann::ordered_json ToJson(const CardView& c) {
  return {{"id", c.id},
          {"serial", c.serial},
          {"worker_id", c.worker_id},
          {"program_id", c.program_id},
          {"coverage_id", c.coverage_id},
          {"token", c.token},
          {"issued_at", c.issued_at},
          {"revoked_at", c.revoked_at},
          {"revoke_reason", c.revoke_reason}};
}

nlohmann::ordered_json ToJson(const CardStatusView& s) {
  return {{"valid", s.valid},
          {"status", s.status},
          {"period", s.period},
          {"reason", s.reason},
          {"initials", s.initials},
          {"regency", s.regency_code},
          {"program", s.program},
          {"start", s.start_date},
          {"end", s.end_date},
          {"serial", s.serial},
          {"registry_checked", s.registry_checked}};
}

nlohmann::ordered_json ToJson(const CardKeyView& k) {
  return {{"algorithm", k.algorithm}, {"public_key", k.public_key}, {"key_id", k.key_id}};
}

std::string CardStatusLabel(std::string_view status) {
  if (status == "valid") return "berlaku";
  if (status == "revoked") return "dicabut";
  if (status == "expired") return "kedaluwarsa";
  if (status == "not_yet_valid") return "belum berlaku";
  return "tidak sah";
}

}  // namespace jaring::services
