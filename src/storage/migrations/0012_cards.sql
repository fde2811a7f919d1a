-- Membership cards (kartu peserta, issue 14, item 4): each card printed for a worker's coverage
-- period under a program, with the signed token its QR code carries.
--
-- id is the card's number in the installation and is what the token calls its serial; serial
-- here counts the worker's cards under the program (1, then 2 when it is re-issued). A card is
-- revoked when it is re-issued ('reissued') or by hand (a reason the service names); a death or
-- a removal revokes it through the registry and the coverage period, which verification reads.
-- The token is kept to print the same card again; it holds no name or NIK (docs/cards.md).
-- Times are BIGINT microseconds since 1970-01-01 UTC; 0 for "not revoked".

CREATE TABLE cards (
  id {{id}},
  regency_code {{code_text}} NOT NULL,
  worker_id BIGINT NOT NULL,
  program_id BIGINT NOT NULL,
  coverage_id BIGINT NOT NULL,
  serial INTEGER NOT NULL,
  token TEXT NOT NULL DEFAULT '',
  actor TEXT NOT NULL DEFAULT '',
  issued_at BIGINT NOT NULL,
  revoked_at BIGINT NOT NULL DEFAULT 0,
  revoke_reason {{code_text}} NOT NULL DEFAULT '',
  UNIQUE (regency_code, id),
  UNIQUE (regency_code, worker_id, program_id, serial),
  FOREIGN KEY (regency_code, program_id) REFERENCES programs (regency_code, id)
);
CREATE INDEX cards_program ON cards (regency_code, program_id, worker_id);
