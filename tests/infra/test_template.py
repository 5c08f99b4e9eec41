"""The deployment's key facts, read off the CloudFormation templates that
`make synth` writes (infra/cdk.out/<stage>/): the table is the shared definition,
every queue has a DLQ, every SQS mapping reports batch item failures, every job
has a schedule in the store's time zone, no function has a wildcard IAM action,
secrets stay out of the configuration, alarms cover what ops pages on, and the
Lambda bundle carries runtime dependencies only. And the security baseline (ADR
0008): JSON access logs and X-Ray on the API stage, a retention on every log
group, KMS on every queue and the alarms topic, the reserved concurrency table,
an on-failure destination for every scheduled job."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from chalicelib.resources import MAX_RECEIVE_COUNT, QUEUES, SCHEDULES, TTL_ATTRIBUTE, queue_names, table_definition
from chalicelib.services.after_sales_jobs import BREACHES
from chalicelib.services.operations import KINDS
from chalicelib.services.tickets import BREACH_KIND
from infra.commerce_infra.stages import DEPLOYMENT, RESERVED_CONCURRENCY

ROOT = Path(__file__).resolve().parents[2]
CDK_OUT = ROOT / "infra" / "cdk.out"
STAGES = ("dev", "prod")
CONFIG = json.loads((ROOT / ".chalice" / "config.json").read_text())
DEV_ONLY_PACKAGES = (
    "moto",
    "localstripe",
    "aiohttp",
    "pytest",
    "_pytest",
    "hypothesis",
    "ruff",
    "mypy",
    "werkzeug",
    "flask",
)


XRAY_ACTIONS = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")


def stage_env(stage: str) -> dict[str, str]:
    return {**CONFIG["environment_variables"], **CONFIG["stages"][stage]["environment_variables"]}


@pytest.fixture(scope="module", params=STAGES)
def stage(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def template(stage) -> dict[str, Any]:
    path = CDK_OUT / stage / f"commerce-{stage}.template.json"
    assert path.exists(), f"{path} is missing: run `make synth` (make test does)"
    return json.loads(path.read_text())


def resources(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def functions(template):
    return resources(template, "AWS::Serverless::Function")


def function_name(function: dict[str, Any]) -> str:
    """The app's name of a Chalice function (its handler; the REST API's is app.app)."""
    handler = function["Properties"]["Handler"]
    return "api_handler" if handler == "app.app" else handler.rsplit(".", 1)[-1]


def actions_of(statement: dict[str, Any]) -> list[str]:
    return statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]


def ref_of(value: Any) -> str:
    """The logical id a Ref or Fn::GetAtt points at."""
    if isinstance(value, dict) and "Ref" in value:
        return value["Ref"]
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        return value["Fn::GetAtt"][0]
    raise AssertionError(f"not a reference: {value!r}")


# -- the table ------------------------------------------------------------------------------------
def test_the_table_is_the_shared_definition(template, stage):
    (table,) = resources(template, "AWS::DynamoDB::Table").values()
    props = table["Properties"]
    shared = table_definition(stage_env(stage)["COMMERCE_TABLE"])
    for key in ("TableName", "BillingMode", "AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes"):
        assert props[key] == shared[key], key
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["TimeToLiveSpecification"] == {"AttributeName": TTL_ATTRIBUTE, "Enabled": True}
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["DeletionProtectionEnabled"] is (stage == "prod")
    assert table["DeletionPolicy"] == ("Retain" if stage == "prod" else "Delete")


# -- queues ---------------------------------------------------------------------------------------
def test_every_queue_has_a_dead_letter_queue_after_five_receives(template, stage):
    queues = resources(template, "AWS::SQS::Queue")
    dlqs = {name for name, q in queues.items() if q["Properties"]["QueueName"].endswith("-dlq")}
    work = {name: q for name, q in queues.items() if name not in dlqs}
    prefix = stage_env(stage)["COMMERCE_QUEUE_PREFIX"]
    assert sorted(q["Properties"]["QueueName"] for q in work.values()) == sorted(queue_names(prefix))
    for name, queue in work.items():
        redrive = queue["Properties"]["RedrivePolicy"]
        assert redrive["maxReceiveCount"] == MAX_RECEIVE_COUNT, name
        assert ref_of(redrive["deadLetterTargetArn"]) in dlqs, name
    # one per work queue, one for failed schedule deliveries, one for failed job runs
    assert len(dlqs) == len(QUEUES) + 2


def test_every_sqs_mapping_reports_batch_item_failures(template):
    queues = resources(template, "AWS::SQS::Queue")
    consumed = set()
    for name, function in functions(template).items():
        for event in function["Properties"].get("Events", {}).values():
            if event["Type"] != "SQS":
                continue
            props = event["Properties"]
            assert props["FunctionResponseTypes"] == ["ReportBatchItemFailures"], name
            queue = ref_of(props["Queue"])
            consumed.add(queues[queue]["Properties"]["QueueName"])
            # Lambda's guidance: visibility timeout at least six times the function's timeout.
            assert queues[queue]["Properties"]["VisibilityTimeout"] >= 6 * function["Properties"]["Timeout"], name
    assert {q.split("-", 2)[-1] for q in consumed} == set(QUEUES)


# -- schedules ------------------------------------------------------------------------------------
def test_every_job_runs_on_its_schedule_in_the_store_time_zone(template, stage):
    schedules = resources(template, "AWS::Scheduler::Schedule")
    by_target = {ref_of(s["Properties"]["Target"]["Arn"]): s["Properties"] for s in schedules.values()}
    fns = functions(template)
    handlers = {fns[name]["Properties"]["Handler"].rsplit(".", 1)[-1]: name for name in fns}
    assert len(schedules) == len(SCHEDULES)
    for job, expression in SCHEDULES.items():
        props = by_target[handlers[job]]
        assert props["ScheduleExpression"] == expression, job
        assert props["ScheduleExpressionTimezone"] == stage_env(stage)["COMMERCE_STORE_TIMEZONE"], job
        assert props["State"] == "ENABLED"
        assert "DeadLetterConfig" in props["Target"] and props["Target"]["RetryPolicy"]["MaximumRetryAttempts"] >= 1
        # Chalice's own UTC rule is gone: one trigger per job.
        assert not fns[handlers[job]]["Properties"].get("Events"), job


# -- IAM ------------------------------------------------------------------------------------------
def statements(template) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, role in resources(template, "AWS::IAM::Role").items():
        for policy in role["Properties"].get("Policies", []):
            found += [(name, s) for s in policy["PolicyDocument"]["Statement"]]
    for name, policy in resources(template, "AWS::IAM::Policy").items():
        found += [(name, s) for s in policy["Properties"]["PolicyDocument"]["Statement"]]
    return found


def test_no_function_has_a_wildcard_iam_action(template):
    found = statements(template)
    assert found
    for owner, statement in found:
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        for action in actions:
            assert action != "*" and not action.endswith(":*"), (owner, action)
    assert not resources(template, "AWS::IAM::ManagedPolicy")
    for role in resources(template, "AWS::IAM::Role").values():
        assert not role["Properties"].get("ManagedPolicyArns"), role


def test_each_function_has_a_role_of_its_own_scoped_to_this_stack(template):
    fns = functions(template)
    roles = {name: ref_of(f["Properties"]["Role"]) for name, f in fns.items()}
    assert len(set(roles.values())) == len(fns)
    role_resources = resources(template, "AWS::IAM::Role")
    for name, role in roles.items():
        (principal,) = [
            s["Principal"]["Service"]
            for s in role_resources[role]["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        ]
        assert principal == "lambda.amazonaws.com", name
        granted = [s for owner, s in statements(template) if owner == role]
        for statement in granted:
            if statement.get("Resource") == "*":  # only X-Ray's, which has no resource-level permissions
                assert sorted(statement["Action"]) == sorted(XRAY_ACTIONS), (name, statement)
            if "NotResource" in statement:  # only SMS: SNS Publish to anything but a topic (a phone number)
                assert statement["Action"] == "sns:Publish", (name, statement)
                assert statement["NotResource"] == {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":sns:*:*:*"]]}
    # Only a queue's own worker may consume it.
    consumers = {}
    for owner, statement in statements(template):
        actions = statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        if "sqs:ReceiveMessage" in actions:
            consumers.setdefault(owner, []).append(statement["Resource"])
    assert len(consumers) == len(QUEUES)


# -- configuration and secrets --------------------------------------------------------------------
def test_secrets_are_read_at_runtime_never_put_in_the_configuration(template):
    (secret_id,) = resources(template, "AWS::SecretsManager::Secret")
    for name, function in functions(template).items():
        env = function["Properties"]["Environment"]["Variables"]
        assert ref_of(env["COMMERCE_SECRETS_ID"]) == secret_id, name
        for key in (
            "COMMERCE_STRIPE_API_KEY",
            "COMMERCE_STRIPE_WEBHOOK_SECRET",
            "COMMERCE_TOKEN_SECRET",
            "COMMERCE_LOGISTICS_WEBHOOK_SECRET",
        ):
            assert key not in env, (name, key)
        assert env["COMMERCE_STAGE"] in STAGES


def test_every_function_is_traced_and_names_its_service(template):
    for name, function in functions(template).items():
        assert function["Properties"]["Tracing"] == "Active", name
        assert function["Properties"]["Environment"]["Variables"]["POWERTOOLS_SERVICE_NAME"] == "commerce", name


def test_the_api_is_throttled(template):
    (api,) = resources(template, "AWS::Serverless::Api").values()
    (settings,) = api["Properties"]["MethodSettings"]
    assert settings["ResourcePath"] == "/*" and settings["HttpMethod"] == "*"
    assert 0 < settings["ThrottlingRateLimit"] <= settings["ThrottlingBurstLimit"]


# -- alarms ---------------------------------------------------------------------------------------
def test_alarms_cover_dlqs_5xx_throttles_sla_breaches_failed_renewals_and_refused_refunds(template, stage):
    alarms = list(resources(template, "AWS::CloudWatch::Alarm").values())
    assert all(a["Properties"]["AlarmActions"] for a in alarms)

    def watching(namespace, metric):
        return [
            a["Properties"]
            for a in alarms
            if a["Properties"].get("Namespace") == namespace and a["Properties"].get("MetricName") == metric
        ]

    dlqs = {
        n for n, q in resources(template, "AWS::SQS::Queue").items() if q["Properties"]["QueueName"].endswith("-dlq")
    }
    watched = {
        ref_of(d["Value"]) for a in watching("AWS/SQS", "ApproximateNumberOfMessagesVisible") for d in a["Dimensions"]
    }
    assert watched == dlqs
    assert watching("AWS/ApiGateway", "5XXError")
    throttled = {ref_of(d["Value"]) for a in watching("AWS/Lambda", "Throttles") for d in a["Dimensions"]}
    assert throttled == set(functions(template))
    kinds = {d["Value"] for a in watching("Commerce", "SlaBreaches") for d in a["Dimensions"] if d["Name"] == "kind"}
    assert kinds == set(KINDS) | {kind for kind, _ in BREACHES.values()} | {BREACH_KIND}
    (renewals,) = watching("Commerce", "RenewalsFailed")
    assert renewals["Dimensions"] == [{"Name": "stage", "Value": stage}]
    for metric in ("RefundsRefused", "PaymentMismatches", "Disputes"):
        (watched,) = watching("Commerce", metric)
        assert watched["Dimensions"] == [{"Name": "stage", "Value": stage}]
    store = {
        d["Value"]: a for a in watching("Commerce", "StoreRating") for d in a["Dimensions"] if d["Name"] == "dimension"
    }
    assert set(store) == {"description", "service", "logistics"}
    assert all(a["Threshold"] == 4.8 and a["ComparisonOperator"] == "LessThanThreshold" for a in store.values())


# -- the bundle -----------------------------------------------------------------------------------
def test_the_lambda_bundle_carries_runtime_dependencies_only(stage):
    (bundle,) = (CDK_OUT / stage).glob("asset.*.zip")
    with zipfile.ZipFile(bundle) as archive:
        top = {name.split("/", 1)[0] for name in archive.namelist()}
    assert {"app.py", "chalicelib", "stripe", "pynamodb", "aws_lambda_powertools", "pydantic"} <= top
    assert not {p for p in DEV_ONLY_PACKAGES if p in top}
    assert not any(name.startswith(("tests", "localdev", "bench", "infra")) for name in top)


def test_the_bundle_is_byte_compiled_for_the_lambda_runtime(stage):
    """Lambda cannot write __pycache__: the bundle carries unchecked-hash .pyc for
    every module (valid whatever mtimes the unzip gives); `make bench` measures the gain."""
    (bundle,) = (CDK_OUT / stage).glob("asset.*.zip")
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        sources = {n for n in names if n.endswith(".py")}
        compiled = {n for n in names if n.endswith(".cpython-311.pyc")}
        header = archive.read("__pycache__/app.cpython-311.pyc")[:16]
    assert len(compiled) >= len(sources) * 0.95
    for module in ("chalicelib/__pycache__/bootstrap.cpython-311.pyc", "stripe/__pycache__/__init__.cpython-311.pyc"):
        assert module in compiled
    assert int.from_bytes(header[4:8], "little") == 0b01  # hash-based, unchecked (PEP 552)


def test_the_gateway_answers_unknown_routes_and_throttling_with_problem_json(template):
    (api,) = resources(template, "AWS::Serverless::Api").values()
    responses = api["Properties"]["GatewayResponses"]
    no_route = responses["MISSING_AUTHENTICATION_TOKEN"]  # API Gateway's answer to a route that does not exist
    assert no_route["StatusCode"] == "404"
    assert json.loads(no_route["ResponseTemplates"]["application/json"])["code"] == "not_found"
    throttled = responses["THROTTLED"]
    assert throttled["StatusCode"] == "429"
    assert throttled["ResponseParameters"]["Headers"]["Retry-After"] == "'1'"
    assert json.loads(throttled["ResponseTemplates"]["application/json"])["code"] == "rate_limited"
    for kind, response in responses.items():
        assert response["ResponseParameters"]["Headers"]["Content-Type"] == "'application/problem+json'", kind


GATEWAY_STATUSES = {
    "MISSING_AUTHENTICATION_TOKEN": 404,
    "RESOURCE_NOT_FOUND": 404,
    "THROTTLED": 429,
    "QUOTA_EXCEEDED": 429,
    "REQUEST_TOO_LARGE": 413,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "BAD_REQUEST_BODY": 400,
    "BAD_REQUEST_PARAMETERS": 400,
    "UNAUTHORIZED": 401,
    "ACCESS_DENIED": 403,
    "EXPIRED_TOKEN": 403,
    "INVALID_API_KEY": 403,
    "INVALID_SIGNATURE": 403,
    "WAF_FILTERED": 403,
    "INTEGRATION_TIMEOUT": 504,
    "INTEGRATION_FAILURE": 504,
    "API_CONFIGURATION_ERROR": 500,
    "AUTHORIZER_CONFIGURATION_ERROR": 500,
    "AUTHORIZER_FAILURE": 500,
}


def test_every_gateway_answer_carries_its_status_and_the_request_id(template):
    (api,) = resources(template, "AWS::Serverless::Api").values()
    responses = api["Properties"]["GatewayResponses"]
    assert set(responses) == set(GATEWAY_STATUSES) | {"DEFAULT_4XX", "DEFAULT_5XX"}
    for kind, response in responses.items():
        body = json.loads(response["ResponseTemplates"]["application/json"])
        headers = response["ResponseParameters"]["Headers"]
        assert body["request_id"] == "$context.requestId", kind
        assert headers["X-Request-Id"] == "context.requestId", kind  # a mapping expression, not a quoted literal
        assert set(body) >= {"type", "title", "detail", "code", "request_id"}, kind
        assert body["type"] == f"urn:commerce:problem:{body['code']}", kind
        if kind in GATEWAY_STATUSES:
            assert response["StatusCode"] == str(GATEWAY_STATUSES[kind]), kind
            assert body["status"] == GATEWAY_STATUSES[kind], kind
        else:  # a status here would replace the status of every type the default covers
            assert "StatusCode" not in response and "status" not in body, kind
    expose = responses["THROTTLED"]["ResponseParameters"]["Headers"]["Access-Control-Expose-Headers"]
    assert set(expose.strip("'").split(",")) >= {
        "X-Request-Id",
        "Idempotent-Replayed",
        "Retry-After",
        "ETag",
        "X-Next-Cursor",
    }


# -- the security baseline (ADR 0008) -------------------------------------------------------------
def test_the_api_stage_writes_json_access_logs_without_credentials(template):
    (api,) = resources(template, "AWS::Serverless::Api").values()
    setting = api["Properties"]["AccessLogSetting"]
    groups = resources(template, "AWS::Logs::LogGroup")
    destination = setting["DestinationArn"]["Fn::Join"][1][-1]  # arn:...:log-group:<the group's name>
    assert groups[ref_of(destination)]["Properties"]["LogGroupName"].startswith("/aws/apigateway/")
    fields = json.loads(setting["Format"])  # one JSON object per request
    assert fields["requestId"] == "$context.requestId"
    assert fields["ip"] == "$context.identity.sourceIp"
    assert fields["resourcePath"] == "$context.resourcePath"
    assert fields["httpMethod"] == "$context.httpMethod"
    assert fields["status"] == "$context.status"
    assert fields["responseLatency"] == "$context.responseLatency"
    for secret in ("authorization", "header", "apikey", "authorizer", "token", "cookie"):
        assert secret not in setting["Format"].lower(), secret
    # API Gateway logs through the account's CloudWatch role, set before the API.
    (account_id,) = resources(template, "AWS::ApiGateway::Account")
    assert account_id in api["DependsOn"]


def test_the_api_stage_and_every_function_are_traced(template):
    (api,) = resources(template, "AWS::Serverless::Api").values()
    assert api["Properties"]["TracingEnabled"] is True
    for name, function in functions(template).items():
        assert function["Properties"]["Tracing"] == "Active", name


def test_every_log_group_has_the_stage_retention_and_each_function_its_own(template, stage):
    groups = resources(template, "AWS::Logs::LogGroup")
    assert len(groups) == len(functions(template)) + 1  # one per function, the access log
    for name, group in groups.items():
        assert group["Properties"]["RetentionInDays"] == DEPLOYMENT[stage]["log_retention_days"], name
    roles = resources(template, "AWS::IAM::Role")
    for name, function in functions(template).items():
        group = ref_of(function["Properties"]["LoggingConfig"]["LogGroup"])
        expected = f"/aws/lambda/commerce-{stage}-{function_name(function)}"
        assert groups[group]["Properties"]["LogGroupName"] == expected, name
        # It writes to that group only, and cannot create another (one without a retention).
        role = ref_of(function["Properties"]["Role"])
        granted = [s for p in roles[role]["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]
        logs_statements = [s for s in granted if any(a.startswith("logs:") for a in actions_of(s))]
        assert [ref_of(s["Resource"]) for s in logs_statements] == [group], name
        assert not any("logs:CreateLogGroup" in actions_of(s) for s in granted), name


def test_reserved_concurrency_is_the_table_in_infra(template):
    fns = functions(template)
    assert {function_name(f) for f in fns.values()} == set(RESERVED_CONCURRENCY)
    for name, function in fns.items():
        expected, reason = RESERVED_CONCURRENCY[function_name(function)]
        assert function["Properties"]["ReservedConcurrentExecutions"] == expected, name
        assert reason.strip(), name
        # A queue's poller never outruns its worker (throttled batches would count as receives).
        for event in function["Properties"].get("Events", {}).values():
            if event["Type"] == "SQS":
                assert event["Properties"]["ScalingConfig"]["MaximumConcurrency"] == expected, name
    assert RESERVED_CONCURRENCY["api_handler"][0] == max(value for value, _ in RESERVED_CONCURRENCY.values())
    # Both stages in one account must leave Lambda's 100 unreserved out of the default 1000.
    assert 2 * sum(value for value, _ in RESERVED_CONCURRENCY.values()) <= 900


def test_every_queue_and_the_alarms_topic_are_encrypted(template):
    queues = resources(template, "AWS::SQS::Queue")
    assert queues
    for name, queue in queues.items():
        assert queue["Properties"]["KmsMasterKeyId"] == "alias/aws/sqs", name
    (topic,) = resources(template, "AWS::SNS::Topic").values()
    keys = resources(template, "AWS::KMS::Key")
    key = keys[ref_of(topic["Properties"]["KmsMasterKeyId"])]["Properties"]
    assert key["EnableKeyRotation"] is True
    # CloudWatch alarms may publish to the topic: the key admits them (the AWS-managed key cannot).
    (cloudwatch,) = [
        s for s in key["KeyPolicy"]["Statement"] if s["Principal"].get("Service") == "cloudwatch.amazonaws.com"
    ]
    assert sorted(cloudwatch["Action"]) == ["kms:Decrypt", "kms:GenerateDataKey*"]


def test_every_scheduled_job_has_an_on_failure_destination_with_an_alarm(template, stage):
    queues = resources(template, "AWS::SQS::Queue")
    (jobs_dlq,) = [n for n, q in queues.items() if q["Properties"]["QueueName"] == f"commerce-{stage}-jobs-dlq"]
    assert queues[jobs_dlq]["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600
    roles = resources(template, "AWS::IAM::Role")
    jobs = 0
    for name, function in functions(template).items():
        config = function["Properties"].get("EventInvokeConfig")
        if function_name(function) not in SCHEDULES:  # invoked synchronously: API Gateway, SQS mappings
            assert config is None, name
            continue
        jobs += 1
        on_failure = config["DestinationConfig"]["OnFailure"]
        assert on_failure["Type"] == "SQS" and ref_of(on_failure["Destination"]) == jobs_dlq, name
        assert config["MaximumRetryAttempts"] == 2, name
        role = roles[ref_of(function["Properties"]["Role"])]
        granted = [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]
        assert any(
            actions_of(s) == ["sqs:SendMessage"] and s["Resource"] == {"Fn::GetAtt": [jobs_dlq, "Arn"]} for s in granted
        ), name
    assert jobs == len(SCHEDULES)
    (alarm,) = [
        a["Properties"]
        for a in resources(template, "AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("MetricName") == "ApproximateNumberOfMessagesVisible"
        and [ref_of(d["Value"]) for d in a["Properties"]["Dimensions"]] == [jobs_dlq]
    ]
    assert alarm["Threshold"] == 1 and alarm["ComparisonOperator"] == "GreaterThanOrEqualToThreshold"
    assert alarm["AlarmActions"]
