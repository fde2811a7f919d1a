#!/usr/bin/env python3
"""What someone with write access to the database can do to the audit log: rewrite entry N and
recompute every hash after it, head row included, so that the plain chain check passes again.

Reads the log as a JSON array of rows (sequence order, the columns of audit_log) on stdin and
prints the SQL that rewrites it: entry N's actor_username becomes --actor, and every prev_hash
and hash from N on are recomputed with the canonical serialisation of src/auth/audit_chain.hpp.
Before rewriting it checks that it computes the stored hashes itself: otherwise a test could
pass because this script hashes differently, not because jaring caught the rewrite.

  audit_rewrite.py --sequence 2 --actor cli:penyusup < rows.json | sqlite3 db
"""
import argparse
import hashlib
import json
import struct
import sys

DOMAIN_TAG = b"jaring.audit.v1"
GENESIS = "0" * 64


def entry_hash(prev_hash, row):
    actor_id = "" if row["actor_user_id"] is None else str(row["actor_user_id"])
    fields = [DOMAIN_TAG, prev_hash, str(row["sequence"]), str(row["at"]), actor_id,
              row["actor_username"], row["remote_address"], row["action"], row["record_type"],
              row["record_id"], row["regency_code"], row["before_json"], row["after_json"]]
    data = b"".join(struct.pack(">Q", len(f)) + f
                    for f in (x if isinstance(x, bytes) else x.encode() for x in fields))
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def quote(text):
    return "'" + text.replace("'", "''") + "'"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sequence", type=int, required=True)
    parser.add_argument("--actor", required=True)
    args = parser.parse_args()
    rows = json.load(sys.stdin)
    prev = GENESIS
    for row in rows:
        if row["prev_hash"] != prev or entry_hash(prev, row) != row["hash"]:
            sys.exit(f"audit_rewrite: stored entry #{row['sequence']} does not hash as expected")
        prev = row["hash"]
    if not any(row["sequence"] == args.sequence for row in rows):
        sys.exit(f"audit_rewrite: no entry #{args.sequence}")

    print("BEGIN;")
    prev = GENESIS
    for row in rows:
        if row["sequence"] == args.sequence:
            row["actor_username"] = args.actor
        if row["sequence"] >= args.sequence:
            row["prev_hash"] = prev
            row["hash"] = entry_hash(prev, row)
            print(f"UPDATE audit_log SET actor_username = {quote(row['actor_username'])}, "
                  f"prev_hash = {quote(row['prev_hash'])}, hash = {quote(row['hash'])} "
                  f"WHERE sequence = {row['sequence']};")
        prev = row["hash"]
    print(f"UPDATE audit_head SET sequence = {rows[-1]['sequence']}, hash = {quote(prev)} "
          "WHERE id = 1;")
    print("COMMIT;")


if __name__ == "__main__":
    main()
