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
    secret_names = {"SECRET_KEY", "DB_PASSWORD", "DB_USER", "DB_APP_USER", "DB_APP_PASSWORD", "AWS_SECRET_ACCESS_KEY"}
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


def test_the_bucket_has_no_public_read_and_photos_reach_players_through_cloudfront(resources):
    bucket = resources["PhotoBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values()), "every public access block is on"
    statements = resources["PhotoBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert not [s for s in statements if s["Effect"] == "Allow" and s.get("Principal") == "*"], "nobody reads the bucket anonymously"
    (reader,) = [s for s in statements if s["Effect"] == "Allow"]
    assert reader["Principal"] == {"Service": "cloudfront.amazonaws.com"} and reader["Action"] == "s3:GetObject"
    assert reader["Resource"] == [{"Fn::Sub": "${PhotoBucket.Arn}/images/*"}, {"Fn::Sub": "${PhotoBucket.Arn}/locations/*"}]
    assert "${PhotoDistribution}" in reader["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"], "only this distribution"
    distribution = resources["PhotoDistribution"]["Properties"]["DistributionConfig"]
    (origin,) = distribution["Origins"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["PhotoOriginAccess", "Id"]}
    assert resources["PhotoOriginAccess"]["Properties"]["OriginAccessControlConfig"]["SigningBehavior"] == "always"
    assert distribution["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    assert distribution["DefaultCacheBehavior"]["AllowedMethods"] == ["GET", "HEAD"]
    (container,) = resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]
    environment = {v["Name"]: v["Value"] for v in container["Environment"]}
    assert environment["S3_PUBLIC_BASE_URL"] == {"Fn::Sub": "https://${PhotoDistribution.DomainName}"}
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]["SSEAlgorithm"]
    assert sorted(bucket["CorsConfiguration"]["CorsRules"][0]["AllowedMethods"]) == ["GET", "PUT"]
    rules = bucket["LifecycleConfiguration"]["Rules"]
    assert any("AbortIncompleteMultipartUpload" in r for r in rules)


def test_a_waf_rate_rule_guards_the_load_balancer(resources):
    acl = resources["ApiWebAcl"]["Properties"]
    assert acl["Scope"] == "REGIONAL" and acl["DefaultAction"] == {"Allow": {}}
    (rate,) = [r for r in acl["Rules"] if "RateBasedStatement" in r["Statement"]]
    assert rate["Action"] == {"Block": {}}
    assert rate["Statement"]["RateBasedStatement"]["AggregateKeyType"] == "IP"
    association = resources["ApiWebAclAssociation"]["Properties"]
    assert association == {"ResourceArn": {"Ref": "LoadBalancer"}, "WebACLArn": {"Fn::GetAtt": ["ApiWebAcl", "Arn"]}}
    (container,) = resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]
    environment = {v["Name"]: v["Value"] for v in container["Environment"]}
    assert environment["TRUSTED_PROXY_HOPS"] == "1", "the ALB's X-Forwarded-For entry names the client"


# RDS's default max_connections is LEAST(DBInstanceClassMemory / 9531392, 5000); these are the values the
# classes report. The template states the default class's value in its parameter group too.
MAX_CONNECTIONS = {"db.t4g.micro": 85, "db.t4g.small": 180, "db.t4g.medium": 410}
RESERVED_BY_RDS = 3  # superuser_reserved_connections, and rdsadmin's own


def test_connections_at_full_scale_out_fit_the_database(template, resources):
    parameters = template["Parameters"]
    instance_class = parameters["DatabaseInstanceClass"]["Default"]
    stated = int(resources["DatabaseParameters"]["Properties"]["Parameters"]["max_connections"])
    assert stated <= MAX_CONNECTIONS[instance_class]

    def pool(definition):
        """Connections one task may hold: its pool's, plus its pipeline's (2 unless the task says)."""
        (container,) = resources[definition]["Properties"]["ContainerDefinitions"]
        environment = {v["Name"]: v["Value"] for v in container["Environment"]}
        return int(environment["DB_POOL_SIZE"]) + int(environment.get("DB_PIPELINE_CONNECTIONS", "2"))

    most_tasks = parameters["MaxCount"]["MaxValue"]
    needed = most_tasks * pool("TaskDefinition") + 2 * pool("MigrateTaskDefinition") + RESERVED_BY_RDS
    assert needed <= stated, f"{most_tasks} tasks x {pool('TaskDefinition')} connections need {needed} of {stated}"


def test_tasks_connect_as_the_least_privileged_role_and_only_migrate_holds_the_master(resources):
    (service,) = resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]
    secrets = {s["Name"]: s["ValueFrom"]["Fn::Sub"] for s in service["Secrets"]}
    assert secrets["DB_USER"].startswith("${AppDatabaseSecret}") and secrets["DB_PASSWORD"].startswith("${AppDatabaseSecret}")
    assert not any("MasterUserSecret" in v for v in secrets.values())
    (migrate,) = resources["MigrateTaskDefinition"]["Properties"]["ContainerDefinitions"]
    migrate_secrets = {s["Name"]: s["ValueFrom"]["Fn::Sub"] for s in migrate["Secrets"]}
    assert migrate_secrets["DB_USER"].startswith("${Database.MasterUserSecret.SecretArn}")
    assert migrate_secrets["DB_APP_USER"].startswith("${AppDatabaseSecret}")
    assert migrate_secrets["DB_APP_PASSWORD"].startswith("${AppDatabaseSecret}")


def test_the_task_role_may_only_put_and_get_photos(resources):
    policies = {p["PolicyName"]: p["PolicyDocument"]["Statement"] for p in resources["TaskRole"]["Properties"]["Policies"]}
    s3 = [s for statements in policies.values() for s in statements if any(a.startswith("s3:") for a in s["Action"])]
    assert s3 == [{"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": {"Fn::Sub": "${PhotoBucket.Arn}/*"}}]
    everything_else = [a for statements in policies.values() for s in statements for a in s["Action"] if not a.startswith("s3:")]
    assert all(a.startswith("ssmmessages:") for a in everything_else)


def metrics_of(alarm):
    """(namespace, metric name) of every metric an alarm reads, plain or in metric math."""
    properties = alarm["Properties"]
    if "MetricName" in properties:
        return {(json.dumps(properties["Namespace"]).strip('"'), properties["MetricName"])}
    return {(json.dumps(m["MetricStat"]["Metric"]["Namespace"]).strip('"'), m["MetricStat"]["Metric"]["MetricName"])
            for m in properties["Metrics"] if "MetricStat" in m}


def test_every_failure_an_operator_must_hear_about_has_an_alarm_that_notifies_the_topic(template, resources):
    alarms = of_type(resources, "AWS::CloudWatch::Alarm")
    read = set().union(*(metrics_of(alarm) for alarm in alarms.values()))
    tasks_namespace = {"Ref": "MetricsNamespace"}
    for needed in [("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"), ("AWS/ApplicationELB", "TargetResponseTime"),
                   ("AWS/ApplicationELB", "UnHealthyHostCount"), ("AWS/ECS", "MemoryUtilization"),
                   ("AWS/RDS", "CPUUtilization"), ("AWS/RDS", "FreeStorageSpace"), ("AWS/RDS", "DatabaseConnections")]:
        assert needed in read, f"no alarm on {needed}"
    task_metrics = {alarm["Properties"]["MetricName"] for alarm in alarms.values()
                    if alarm["Properties"].get("Namespace") == tasks_namespace}
    assert {"DatabasePoolSaturation", "DatabaseAcquireTimeouts"} <= task_metrics
    latency = next(a for a in alarms.values() if a["Properties"].get("MetricName") == "TargetResponseTime")
    assert latency["Properties"]["ExtendedStatistic"] == "p99"
    topic = {"Fn::If": ["CreateAlarmTopic", {"Ref": "AlarmTopic"}, {"Ref": "AlarmTopicArn"}]}
    for name, alarm in alarms.items():
        assert alarm["Properties"]["AlarmActions"] == [topic], name
        assert alarm["Properties"]["OKActions"] == [topic], name
        assert len(alarm["Properties"]["AlarmDescription"]) > 20, name
    assert "AlarmTopicArn" in template["Parameters"]
    assert resources["AlarmTopic"]["Condition"] == "CreateAlarmTopic"


def test_the_tasks_own_metrics_reach_cloudwatch_through_their_log_stream(resources):
    """Embedded-metric-format lines on standard output, shipped by the awslogs driver: no collector."""
    (container,) = resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]
    environment = {e["Name"]: e["Value"] for e in container["Environment"]}
    assert environment["METRICS_EMF_NAMESPACE"] == {"Ref": "MetricsNamespace"}
    assert container["LogConfiguration"]["LogDriver"] == "awslogs"
    assert len(resources["TaskDefinition"]["Properties"]["ContainerDefinitions"]) == 1, "no sidecar"
    pool_alarm = resources["DatabasePoolSaturationAlarm"]["Properties"]
    assert pool_alarm["Dimensions"] == [{"Name": "Service", "Value": "mq-server"}], "the dimension the server writes"
