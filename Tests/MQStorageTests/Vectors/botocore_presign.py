"""Presigns each case given as JSON (argv[1]) with botocore at a frozen instant; prints the URLs as JSON.

A case: {"bucket", "region", "key", "method": "put"|"get", "content_type"?, "token"?, "endpoint"?,
"style": "virtual"|"path", "expires", "at": ISO 8601 UTC}.
"""
import datetime, json, sys
from unittest import mock

import botocore.session
from botocore.config import Config

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

urls = []
for case in json.loads(sys.argv[1]):
    at = datetime.datetime.strptime(case["at"], "%Y-%m-%dT%H:%M:%SZ")
    with mock.patch("botocore.auth.get_current_datetime", return_value=at):
        client = botocore.session.get_session().create_client(
            "s3", region_name=case["region"], aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            aws_session_token=case.get("token"), endpoint_url=case.get("endpoint"),
            config=Config(signature_version="s3v4", s3={"addressing_style": case["style"]}))
        params = {"Bucket": case["bucket"], "Key": case["key"]}
        if case["method"] == "put":
            params["ContentType"] = case["content_type"]
        operation = "put_object" if case["method"] == "put" else "get_object"
        urls.append(client.generate_presigned_url(operation, Params=params, ExpiresIn=case["expires"]))
print(json.dumps(urls))
