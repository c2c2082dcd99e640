"""The deployment's security invariants, read off the CloudFormation template."""
import json
import os
import pathlib
import shutil
import subprocess

from conftest import ROOT, TEMPLATE


def of_type(resources, kind):
    return {name: r for name, r in resources.items() if r["Type"] == kind}


def test_cfn_lint_is_clean():
    result = subprocess.run([shutil.which("cfn-lint") or "cfn-lint", str(TEMPLATE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_checkov_leaves_no_failed_check_and_every_skip_has_a_reason(resources):
    checkov = os.environ.get("CHECKOV", str(ROOT / ".build-tools" / "checkov" / "bin" / "checkov"))
    result = subprocess.run(
        [checkov, "-f", str(TEMPLATE), "--framework", "cloudformation", "--output", "json", "--skip-download", "--quiet"],
        capture_output=True, text=True, env={**os.environ, "BC_SKIP_MAPPING": "TRUE"})
    report = json.loads(result.stdout)
    summary = report["summary"]
    failed = [(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]]
    assert summary["failed"] == 0, failed
    assert summary["passed"] > 30
    for name, resource in resources.items():
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", []):
            assert len(skip.get("comment", "").strip()) > 20, f"{name} skips {skip['id']} without a reason"


def test_the_database_is_private_encrypted_protected_and_tls_only(resources):
    (database,) = of_type(resources, "AWS::RDS::DBInstance").values()
    properties = database["Properties"]
    assert properties["PubliclyAccessible"] is False
    assert properties["StorageEncrypted"] is True
    assert properties["DeletionProtection"] is True
    assert properties["BackupRetentionPeriod"] >= 7
    assert database["DeletionPolicy"] == "Snapshot"
    subnet_group = resources[properties["DBSubnetGroupName"]["Ref"]]["Properties"]
    assert all(s["Ref"].startswith("PrivateSubnet") for s in subnet_group["SubnetIds"])
    parameters = resources[properties["DBParameterGroupName"]["Ref"]]["Properties"]["Parameters"]
    assert parameters["rds.force_ssl"] == "1"


def test_nothing_opens_postgres_to_the_world_and_only_tasks_reach_it(resources):
    for name, group in of_type(resources, "AWS::EC2::SecurityGroup").items():
        for rule in group["Properties"].get("SecurityGroupIngress", []):
            if rule.get("CidrIp") in ("0.0.0.0/0",) or rule.get("CidrIpv6") == "::/0":
                assert rule["FromPort"] in (80, 443) and name == "LoadBalancerSecurityGroup", (name, rule)
    for rule in of_type(resources, "AWS::EC2::SecurityGroupIngress").values():
        assert "CidrIp" not in rule["Properties"] and "CidrIpv6" not in rule["Properties"]
    database_ingress = resources["DatabaseSecurityGroup"]["Properties"]["SecurityGroupIngress"]
    assert database_ingress == [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432,
                                 "SourceSecurityGroupId": {"Ref": "TaskSecurityGroup"}, "Description": "From the mq-server tasks"}]
    task_ingress = resources["TaskSecurityGroup"]["Properties"]["SecurityGroupIngress"]
    assert [r["SourceSecurityGroupId"] for r in task_ingress] == [{"Ref": "LoadBalancerSecurityGroup"}]


def test_secrets_reach_the_task_as_secrets_never_as_plain_environment(resources):
    secret_names = {"SECRET_KEY", "DB_PASSWORD", "DB_USER", "AWS_SECRET_ACCESS_KEY"}
    for name, definition in of_type(resources, "AWS::ECS::TaskDefinition").items():
        for container in definition["Properties"]["ContainerDefinitions"]:
            plain = {variable["Name"] for variable in container.get("Environment", [])}
            assert not plain & secret_names, (name, plain & secret_names)
            assert {s["Name"] for s in container.get("Secrets", [])} >= {"SECRET_KEY", "DB_PASSWORD"}
    (database,) = of_type(resources, "AWS::RDS::DBInstance").values()
    assert "MasterUserPassword" not in database["Properties"], "the database password is RDS-managed, never in the template"
    assert database["Properties"]["ManageMasterUserPassword"] is True


def test_tasks_run_privately_and_drain_within_their_stop_timeout(resources):
    service = resources["Service"]["Properties"]
    network = service["NetworkConfiguration"]["AwsvpcConfiguration"]
    assert network["AssignPublicIp"] == "DISABLED"
    assert all(s["Ref"].startswith("PrivateSubnet") for s in network["Subnets"])
    assert service["EnableExecuteCommand"] is True
    (container,) = resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]
    assert container["StopTimeout"] == 30
    attributes = {a["Key"]: a["Value"] for a in resources["TargetGroup"]["Properties"]["TargetGroupAttributes"]}
    assert int(attributes["deregistration_delay.timeout_seconds"]) < container["StopTimeout"]
    assert resources["TargetGroup"]["Properties"]["HealthCheckPath"] == "/health/"
    environment = {v["Name"]: v["Value"] for v in container["Environment"]}
    assert environment["LOG_FORMAT"] == "json"
    assert environment["DB_SSLMODE"] == "verify-full"
    assert environment["ALLOWED_HOSTS"] == {"Ref": "ApiHostName"}
    assert resources["LogGroup"]["Properties"] == {"LogGroupName": "/ecs/maple-quest", "RetentionInDays": 7}


def test_http_redirects_to_https(resources):
    http = resources["HttpListener"]["Properties"]
    assert http["DefaultActions"][0]["Type"] == "redirect"
    assert http["DefaultActions"][0]["RedirectConfig"]["Protocol"] == "HTTPS"
    https = resources["HttpsListener"]["Properties"]
    assert https["Protocol"] == "HTTPS" and https["Certificates"] == [{"CertificateArn": {"Ref": "CertificateArn"}}]


def test_photos_are_public_to_read_only_under_images_and_locations(resources):
    statements = resources["PhotoBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    public = [s for s in statements if s["Effect"] == "Allow" and s["Principal"] == "*"]
    assert len(public) == 1 and public[0]["Action"] == "s3:GetObject"
    assert public[0]["Resource"] == [{"Fn::Sub": "${PhotoBucket.Arn}/images/*"}, {"Fn::Sub": "${PhotoBucket.Arn}/locations/*"}]
    bucket = resources["PhotoBucket"]["Properties"]
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"]
    assert sorted(bucket["CorsConfiguration"]["CorsRules"][0]["AllowedMethods"]) == ["GET", "PUT"]
    rules = bucket["LifecycleConfiguration"]["Rules"]
    assert any("AbortIncompleteMultipartUpload" in r for r in rules)


def test_the_task_role_may_only_put_and_get_photos(resources):
    policies = {p["PolicyName"]: p["PolicyDocument"]["Statement"] for p in resources["TaskRole"]["Properties"]["Policies"]}
    s3 = [s for statements in policies.values() for s in statements if any(a.startswith("s3:") for a in s["Action"])]
    assert s3 == [{"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": {"Fn::Sub": "${PhotoBucket.Arn}/*"}}]
    everything_else = [a for statements in policies.values() for s in statements for a in s["Action"] if not a.startswith("s3:")]
    assert all(a.startswith("ssmmessages:") for a in everything_else)
