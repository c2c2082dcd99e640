#!/usr/bin/env python3
"""Writes benchmark players: SQL rows for core_user (password "maple-syrup-42", hashed once, as Django does)
to stdout, and one access token per player, minted with PyJWT exactly as the old backend minted them,
to the file named by the second argument.

usage: make-players.py COUNT TOKENS_FILE SECRET_KEY
"""
import base64, hashlib, secrets, sys, time
import jwt

count, tokens_path, secret = int(sys.argv[1]), sys.argv[2], sys.argv[3]
salt = "benchmarksalt0000000000"
digest = base64.b64encode(hashlib.pbkdf2_hmac("sha256", b"maple-syrup-42", salt.encode(), 870000, 32)).decode()
password = f"pbkdf2_sha256$870000${salt}${digest}"
now = int(time.time())
print('COPY core_user ("userId", email, password, first_name, last_name, phone_no, points, profile_pic_url, created_at) FROM stdin;')
with open(tokens_path, "w") as tokens:
    for index in range(count):
        user_id = f"bench-{index:09d}"[:15]
        email = f"player{index}@bench.maplequest.ca"
        print(f"{user_id}\t{email}\t{password}\tPlayer\t{index}\t\\N\t0\t\t2025-11-05 21:10:32.998848+00")
        claims = {"token_type": "access", "exp": now + 3 * 3600, "iat": now, "jti": secrets.token_hex(16),
                  "user_id": user_id, "email": email}
        tokens.write(jwt.encode(claims, secret, algorithm="HS256") + "\n")
print("\\.")
