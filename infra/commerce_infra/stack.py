"""Everything one stage runs on: the Chalice app (API Gateway + Lambda, through
Chalice's CDK construct), the single table, the work queues and their DLQs, the
domain event bus, the schedules (EventBridge Scheduler, in the store's time
zone), the secret, one least-privilege role per function, and the alarms; and
the security baseline of ADR 0008 (access logs, X-Ray, log retention, KMS,
reserved concurrency, the jobs' on-failure destination), which `make synth`
checks with checkov (infra/scan.py).

Names and keys come from chalicelib/resources.py, the definition the local
stack and the tests build from too.
"""

from __future__ import annotations

import json
import os
import sys
from http import HTTPStatus
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_cloudwatch_actions as cloudwatch_actions
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_logs as logs
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_scheduler as scheduler
from aws_cdk import aws_secretsmanager as secretsmanager
from aws_cdk import aws_sns as sns
from aws_cdk import aws_sns_subscriptions as subscriptions
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from .analytics import AnalyticsArchive
from .stages import ROOT, Stage

sys.path.insert(0, str(ROOT))

from chalicelib.resources import (  # noqa: E402 - the app's own definitions, from the repository root
    MAX_RECEIVE_COUNT,
    QUEUES,
    SCHEDULES,
    TTL_ATTRIBUTE,
    table_definition,
)
from chalicelib.services.after_sales_jobs import BREACHES as AFTER_SALE_BREACHES  # noqa: E402
from chalicelib.services.operations import KINDS as SLA_KINDS  # noqa: E402 - one alarm per kind the scan reports
from chalicelib.services.reviews import DSR_ALARM_BELOW, DSR_METRIC  # noqa: E402 - the store rating's alarm
from chalicelib.services.tickets import BREACH_KIND as TICKET_BREACH_KIND  # noqa: E402 - its alarm

API_FUNCTION = "api_handler"
# Send e-mail (SES) and SMS (SNS): the notifications worker, the API (a small campaign is sent in the
# request), the campaign-batches worker (a large one, ADR 0012) and the CRM coupon jobs (ADR 0019).
MESSAGING_FUNCTIONS = (API_FUNCTION, "notifications", "campaign_batches", "birthday_coupons", "loyalty_coupons")
DEFAULT_EMAIL_SENDER = "no-reply@commerce.local"  # chalicelib/settings.py's default of COMMERCE_EMAIL_SENDER
# The secret's keys: what chalicelib/settings.py reads outside the local stage.
SECRET_KEYS = (
    "COMMERCE_STRIPE_API_KEY",
    "COMMERCE_STRIPE_WEBHOOK_SECRET",
    "COMMERCE_LOGISTICS_WEBHOOK_SECRET",
    "COMMERCE_ALERT_WEBHOOK_SECRET",
)
GENERATED_SECRET_KEY = "COMMERCE_TOKEN_SECRET"
PLACEHOLDER = "REPLACE_ME"
XRAY_ACTIONS = ("xray:PutTraceSegments", "xray:PutTelemetryRecords")
METRICS_NAMESPACE = "Commerce"

# The API's access log: one JSON object per request. Who (caller IP), what (method,
# resource path as routed, i.e. the template such as /orders/{order_id}), the
# outcome (status, latencies) and the ids to find the request elsewhere (the
# request id the problem bodies carry, the X-Ray trace). Never a header, API key,
# token or authorizer value: those stay out of the logs.
ACCESS_LOG_FIELDS = {
    "requestId": "$context.requestId",
    "ip": "$context.identity.sourceIp",
    "requestTime": "$context.requestTimeEpoch",
    "httpMethod": "$context.httpMethod",
    "resourcePath": "$context.resourcePath",
    "status": "$context.status",
    "protocol": "$context.protocol",
    "responseLength": "$context.responseLength",
    "responseLatency": "$context.responseLatency",
    "integrationLatency": "$context.integrationLatency",
    "xrayTraceId": "$context.xrayTraceId",
}


def cfn_name(function: str) -> str:
    """Chalice's logical id for a function (chalice.utils.to_cfn_resource_name;
    the REST API's handler is APIHandler)."""
    if function == API_FUNCTION:
        return "APIHandler"
    return "".join(part.capitalize() for part in function.replace("-", "_").split("_"))


def worker_of(queue: str) -> str:
    """The Chalice function consuming a queue (``@on_sqs_message`` on chalicelib/workers)."""
    return queue.replace("-", "_")


# API Gateway answers some requests before the app sees them: those answers are
# problem+json too (the local gateway, localdev/server.py, does the same for
# unknown routes). type -> (status, code, extra headers), for every response type
# API Gateway has, each with its literal status: a gateway response template cannot
# print the status it answers with, so each type is set with its own. The two
# defaults only catch types API Gateway may add later: they keep API Gateway's own
# status (setting one would change every type they cover), so their body omits it.
GATEWAY_RESPONSES: dict[str, tuple[int | None, str, dict[str, str]]] = {
    "MISSING_AUTHENTICATION_TOKEN": (404, "not_found", {}),  # no such route (API Gateway's own status: 403)
    "RESOURCE_NOT_FOUND": (404, "not_found", {}),
    "THROTTLED": (429, "rate_limited", {"Retry-After": "1"}),
    "QUOTA_EXCEEDED": (429, "rate_limited", {"Retry-After": "60"}),
    "REQUEST_TOO_LARGE": (413, "payload_too_large", {}),
    "UNSUPPORTED_MEDIA_TYPE": (415, "unsupported_media_type", {}),
    "BAD_REQUEST_BODY": (400, "bad_request", {}),
    "BAD_REQUEST_PARAMETERS": (400, "bad_request", {}),
    "UNAUTHORIZED": (401, "unauthorized", {}),
    "ACCESS_DENIED": (403, "forbidden", {}),
    "EXPIRED_TOKEN": (403, "forbidden", {}),
    "INVALID_API_KEY": (403, "forbidden", {}),
    "INVALID_SIGNATURE": (403, "forbidden", {}),
    "WAF_FILTERED": (403, "forbidden", {}),
    "INTEGRATION_TIMEOUT": (504, "timeout", {}),
    "INTEGRATION_FAILURE": (504, "gateway_error", {}),
    "API_CONFIGURATION_ERROR": (500, "gateway_error", {}),
    "AUTHORIZER_CONFIGURATION_ERROR": (500, "gateway_error", {}),
    "AUTHORIZER_FAILURE": (500, "gateway_error", {}),
    "DEFAULT_4XX": (None, "bad_request", {}),
    "DEFAULT_5XX": (None, "gateway_error", {}),
}
DEFAULT_TITLES = {"DEFAULT_4XX": "Bad Request", "DEFAULT_5XX": "Gateway Error"}


def gateway_responses() -> dict[str, Any]:
    """SAM Api GatewayResponses: header values are quoted literals or mapping expressions."""
    responses = {}
    for kind, (status, code, headers) in GATEWAY_RESPONSES.items():
        title = HTTPStatus(status).phrase if status is not None else DEFAULT_TITLES[kind]
        body: dict[str, Any] = {"type": f"urn:commerce:problem:{code}", "title": title}
        if status is not None:
            body["status"] = status
        body |= {"detail": "$context.error.message", "code": code, "request_id": "$context.requestId"}
        response: dict[str, Any] = {
            "ResponseParameters": {
                "Headers": {
                    "Content-Type": "'application/problem+json'",
                    "X-Request-Id": "context.requestId",  # API Gateway's request id, as in the body
                    "Access-Control-Allow-Origin": "'*'",
                    "Access-Control-Expose-Headers": "'X-Request-Id,Location,Idempotent-Replayed,Retry-After,ETag,X-Next-Cursor'",
                    **{name: f"'{value}'" for name, value in headers.items()},
                }
            },
            "ResponseTemplates": {"application/json": json.dumps(body)},
        }
        if status is not None:
            response["StatusCode"] = str(status)
        responses[kind] = response
    return responses


class CommerceStack(cdk.Stack):
    def __init__(
        self, scope: Construct, construct_id: str, *, stage: Stage, alarm_email: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        self.stage = stage
        # Chalice reads the queue prefix when it imports the app to package it,
        # and wants a region to package at all (the template itself is region-agnostic).
        os.environ.update(stage.environment)
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

        self.table = self._table()
        self.dlqs: dict[str, sqs.Queue] = {}
        self.queues = {name: self._queue(name) for name in QUEUES}
        self.bus = events.EventBus(self, "DomainEvents", event_bus_name=stage.event_bus_name)
        self.secret = self._secret()
        self.media_bucket = self._media_bucket()
        self.schedules_dlq = self._dlq("SchedulesDlq", "schedules")  # Scheduler could not invoke a job
        self.jobs_dlq = self._dlq("JobsDlq", "jobs")  # a job's invocation failed after Lambda's retries
        self.log_groups = {function: self._log_group(function) for function in self._functions()}
        self.roles = self._roles()
        self.app = self._chalice_app()
        self._wire_queues()
        self.schedules = self._schedules()
        self._on_failure_destinations()
        self._throttle_api()
        self._access_log_and_tracing()
        self._alarms(alarm_email)
        # Visitor events to S3 through Firehose (ADR 0021).
        AnalyticsArchive(self, "AnalyticsArchive", bus=self.bus, stage_name=stage.name, protect_data=stage.protect_data)

        cdk.CfnOutput(self, "TableName", value=self.table.ref)
        cdk.CfnOutput(self, "SecretArn", value=self.secret.secret_arn)
        cdk.CfnOutput(self, "EventBusName", value=self.bus.event_bus_name)
        cdk.CfnOutput(self, "MediaBucketName", value=self.media_bucket.bucket_name)

    # -- storage ---------------------------------------------------------------------------------
    def _table(self) -> dynamodb.CfnTable:
        shape = table_definition(self.stage.table_name)
        table = dynamodb.CfnTable(
            self,
            "Table",
            table_name=shape["TableName"],
            billing_mode=shape["BillingMode"],
            attribute_definitions=[
                dynamodb.CfnTable.AttributeDefinitionProperty(
                    attribute_name=a["AttributeName"], attribute_type=a["AttributeType"]
                )
                for a in shape["AttributeDefinitions"]
            ],
            key_schema=[
                dynamodb.CfnTable.KeySchemaProperty(attribute_name=k["AttributeName"], key_type=k["KeyType"])
                for k in shape["KeySchema"]
            ],
            global_secondary_indexes=[
                dynamodb.CfnTable.GlobalSecondaryIndexProperty(
                    index_name=index["IndexName"],
                    key_schema=[
                        dynamodb.CfnTable.KeySchemaProperty(attribute_name=k["AttributeName"], key_type=k["KeyType"])
                        for k in index["KeySchema"]
                    ],
                    projection=dynamodb.CfnTable.ProjectionProperty(
                        projection_type=index["Projection"]["ProjectionType"]
                    ),
                )
                for index in shape["GlobalSecondaryIndexes"]
            ],
            time_to_live_specification=dynamodb.CfnTable.TimeToLiveSpecificationProperty(
                attribute_name=TTL_ATTRIBUTE, enabled=True
            ),
            point_in_time_recovery_specification=dynamodb.CfnTable.PointInTimeRecoverySpecificationProperty(
                point_in_time_recovery_enabled=True
            ),
            sse_specification=dynamodb.CfnTable.SSESpecificationProperty(sse_enabled=True),
            deletion_protection_enabled=self.stage.protect_data,
        )
        table.apply_removal_policy(cdk.RemovalPolicy.RETAIN if self.stage.protect_data else cdk.RemovalPolicy.DESTROY)
        return table

    @property
    def table_arns(self) -> list[str]:
        return [self.table.attr_arn, f"{self.table.attr_arn}/index/*"]

    def _queue(self, name: str) -> sqs.Queue:
        prefix = self.stage.queue_prefix
        dlq = sqs.Queue(
            self,
            f"{cfn_name(name)}Dlq",
            queue_name=f"{prefix}{name}-dlq",
            retention_period=cdk.Duration.days(14),
            encryption=sqs.QueueEncryption.KMS_MANAGED,  # alias/aws/sqs: ADR 0008
            enforce_ssl=True,
        )
        self.dlqs[name] = dlq
        return sqs.Queue(
            self,
            f"{cfn_name(name)}Queue",
            queue_name=f"{prefix}{name}",
            # Lambda's guidance: at least six times the consuming function's timeout.
            visibility_timeout=cdk.Duration.seconds(6 * self.stage.timeout_of(worker_of(name))),
            retention_period=cdk.Duration.days(4),
            encryption=sqs.QueueEncryption.KMS_MANAGED,  # alias/aws/sqs: ADR 0008
            enforce_ssl=True,
            dead_letter_queue=sqs.DeadLetterQueue(queue=dlq, max_receive_count=MAX_RECEIVE_COUNT),
        )

    def _dlq(self, construct_id: str, name: str) -> sqs.Queue:
        dlq = sqs.Queue(
            self,
            construct_id,
            queue_name=f"{self.stage.queue_prefix}{name}-dlq",
            retention_period=cdk.Duration.days(14),
            encryption=sqs.QueueEncryption.KMS_MANAGED,  # alias/aws/sqs: ADR 0008
            enforce_ssl=True,
        )
        self.dlqs[name] = dlq
        return dlq

    def _log_group(self, function: str) -> logs.CfnLogGroup:
        """Each function's log group, made by the stack (so it has a retention) and
        named in the function's LoggingConfig; the functions cannot create any."""
        return self._new_log_group(f"{cfn_name(function)}Logs", f"/aws/lambda/{self.stack_name}-{function}")

    def _new_log_group(self, construct_id: str, name: str) -> logs.CfnLogGroup:
        group = logs.CfnLogGroup(
            self, construct_id, log_group_name=name, retention_in_days=self.stage.log_retention_days
        )
        group.apply_removal_policy(cdk.RemovalPolicy.RETAIN if self.stage.protect_data else cdk.RemovalPolicy.DESTROY)
        return group

    def _secret(self) -> secretsmanager.Secret:
        """One JSON secret per stage. The token signing key is generated; the
        Stripe and webhook secrets start as REPLACE_ME and are set by the operator
        (README: Deploy). The functions read it at cold start (COMMERCE_SECRETS_ID)."""
        secret = secretsmanager.Secret(
            self,
            "AppSecrets",
            secret_name=f"commerce/{self.stage.name}/app",
            description="Stripe keys, token signing key and webhook secrets of the commerce API",
            generate_secret_string=secretsmanager.SecretStringGenerator(
                secret_string_template=json.dumps({key: PLACEHOLDER for key in SECRET_KEYS}),
                generate_string_key=GENERATED_SECRET_KEY,
                password_length=64,
                exclude_punctuation=True,
            ),
        )
        secret.apply_removal_policy(cdk.RemovalPolicy.RETAIN if self.stage.protect_data else cdk.RemovalPolicy.DESTROY)
        return secret

    def _media_bucket(self) -> s3.Bucket:
        """Product media (ADR 0023): staff PUT uploads to presigned URLs (hence CORS for
        PUT), the API reads them back to check them. Private (every public access
        blocked), encrypted, TLS only, versioned; shown through a CDN in front of it
        (COMMERCE_MEDIA_BASE_URL)."""
        return s3.Bucket(
            self,
            "MediaBucket",
            encryption=s3.BucketEncryption.S3_MANAGED,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            cors=[
                s3.CorsRule(
                    allowed_methods=[s3.HttpMethods.PUT],
                    allowed_origins=["*"],
                    allowed_headers=["Content-Type"],
                    max_age=3000,
                )
            ],
            lifecycle_rules=[s3.LifecycleRule(noncurrent_version_expiration=cdk.Duration.days(30))],
            removal_policy=cdk.RemovalPolicy.RETAIN,
        )

    # -- identity --------------------------------------------------------------------------------
    def _functions(self) -> list[str]:
        return [API_FUNCTION, *(worker_of(q) for q in QUEUES), *SCHEDULES]

    def _roles(self) -> dict[str, iam.Role]:
        """One role per function, inline policies only (so a function never starts
        before its permissions exist), no wildcard actions."""
        work_queues = [q.queue_arn for q in self.queues.values()]
        roles = {}
        for function in self._functions():
            statements = [
                # Its own log group only (made by the stack: no logs:CreateLogGroup).
                iam.PolicyStatement(
                    actions=["logs:CreateLogStream", "logs:PutLogEvents"],
                    resources=[self.log_groups[function].attr_arn],
                ),
                iam.PolicyStatement(
                    actions=[
                        "dynamodb:GetItem",
                        "dynamodb:BatchGetItem",
                        "dynamodb:Query",
                        "dynamodb:PutItem",
                        "dynamodb:UpdateItem",
                        "dynamodb:DeleteItem",
                        "dynamodb:BatchWriteItem",
                        "dynamodb:ConditionCheckItem",
                        "dynamodb:DescribeTable",
                    ],
                    resources=self.table_arns,
                ),
                # Domain events: to the bus for the world, to the work queues for our workers.
                iam.PolicyStatement(actions=["events:PutEvents"], resources=[self.bus.event_bus_arn]),
                iam.PolicyStatement(actions=["sqs:SendMessage", "sqs:GetQueueUrl"], resources=work_queues),
                iam.PolicyStatement(actions=["secretsmanager:GetSecretValue"], resources=[self.secret.secret_arn]),
                # Active tracing (X-Ray): these two actions have no resource-level permissions.
                iam.PolicyStatement(actions=list(XRAY_ACTIONS), resources=["*"]),
            ]
            if function in SCHEDULES:  # Lambda's on-failure destination of the asynchronous invocations
                statements.append(iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[self.jobs_dlq.queue_arn]))
            if function == API_FUNCTION:  # GET /health probes the bus; media uploads are signed and checked
                statements.append(
                    iam.PolicyStatement(actions=["events:DescribeEventBus"], resources=[self.bus.event_bus_arn])
                )
                statements.append(
                    iam.PolicyStatement(
                        actions=["s3:PutObject", "s3:GetObject"],
                        resources=[self.media_bucket.arn_for_objects("media/*")],
                    )
                )
            if function in MESSAGING_FUNCTIONS:
                statements += self._messaging_statements()
            for queue_name, queue in self.queues.items():
                if function == worker_of(queue_name):
                    statements.append(
                        iam.PolicyStatement(
                            actions=[
                                "sqs:ReceiveMessage",
                                "sqs:DeleteMessage",
                                "sqs:ChangeMessageVisibility",
                                "sqs:GetQueueAttributes",
                            ],
                            resources=[queue.queue_arn],
                        )
                    )
            roles[function] = iam.Role(
                self,
                f"{cfn_name(function)}Role",
                assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
                description=f"commerce {self.stage.name}: {function}",
                inline_policies={"least-privilege": iam.PolicyDocument(statements=statements)},
            )
        return roles

    def _messaging_statements(self) -> list[iam.PolicyStatement]:
        """E-mail from the stage's verified sender only (the address and its domain
        identity), and SMS to phone numbers only: ``NotResource`` of every topic ARN, as
        SNS has no ARN for a phone number (the functions publish to no topic)."""
        sender = self.stage.environment.get("COMMERCE_EMAIL_SENDER") or DEFAULT_EMAIL_SENDER
        identity = f"arn:{cdk.Aws.PARTITION}:ses:{cdk.Aws.REGION}:{cdk.Aws.ACCOUNT_ID}:identity"
        return [
            iam.PolicyStatement(
                actions=["ses:SendEmail"],
                resources=[f"{identity}/{sender}", f"{identity}/{sender.rsplit('@', 1)[-1]}"],
            ),
            iam.PolicyStatement(actions=["sns:Publish"], not_resources=[f"arn:{cdk.Aws.PARTITION}:sns:*:*:*"]),
        ]

    # -- the app ---------------------------------------------------------------------------------
    def _chalice_app(self) -> Any:
        from .bundle import PrecompiledChalice

        environment = {
            **self.stage.environment,
            "COMMERCE_SECRETS_ID": self.secret.secret_arn,
            "COMMERCE_MEDIA_BUCKET": self.media_bucket.bucket_name,
            "POWERTOOLS_SERVICE_NAME": "commerce",
        }
        stage_config = {
            **self.stage.chalice,
            # Lambda active tracing on every function (Tracing: Active): X-Ray traces
            # of each invocation, without the X-Ray SDK in the bundle (docs/observability.md).
            "xray": True,
            "api_gateway_stage": self.stage.api_gateway_stage,
            "lambda_timeout": self.stage.lambda_timeout,
            "lambda_memory_size": self.stage.lambda_memory_size,
            "environment_variables": environment,
            "autogen_policy": False,
            "manage_iam_role": False,
        }
        app = PrecompiledChalice(self, "App", source_dir=str(ROOT), stage_config=stage_config)
        # Chalice reads per-function settings from config.json only: set each
        # function's role, timeout, reserved concurrency (the table in stages.py)
        # and log group on the packaged template instead.
        for function, role in self.roles.items():
            resource = app.get_resource(cfn_name(function))
            resource.add_property_override("Role", role.role_arn)
            resource.add_property_override("Timeout", self.stage.timeout_of(function))
            resource.add_property_override("ReservedConcurrentExecutions", self.stage.reserved_concurrency_of(function))
            resource.add_property_override("LoggingConfig", {"LogGroup": self.log_groups[function].ref})
        return app

    def _function(self, function: str) -> Any:
        return self.app.get_resource(cfn_name(function))

    def _wire_queues(self) -> None:
        """Chalice names the queue by ARN string and cannot ask for partial batch
        responses: point each event source at our queue (which also orders the
        deployment) and turn on ReportBatchItemFailures."""
        for name, queue in self.queues.items():
            function = self._function(worker_of(name))
            event = f"Events.{cfn_name(worker_of(name))}SqsEventSource.Properties"
            function.add_property_override(f"{event}.Queue", queue.queue_arn)
            function.add_property_override(f"{event}.FunctionResponseTypes", ["ReportBatchItemFailures"])
            # Lambda polls no faster than the function may run: without this, batches
            # beyond the reserved concurrency are throttled back to the queue, count
            # as receives and reach the DLQ unprocessed.
            function.add_property_override(
                f"{event}.ScalingConfig", {"MaximumConcurrency": self.stage.reserved_concurrency_of(worker_of(name))}
            )

    def _schedules(self) -> dict[str, scheduler.CfnSchedule]:
        """EventBridge Scheduler in the store's time zone replaces Chalice's UTC
        rules. Each invocation carries a scheduled-event shaped payload, so the
        handlers read the same ``time`` they get locally."""
        dlq = self.schedules_dlq
        targets = {name: self._function(name).get_att("Arn").to_string() for name in SCHEDULES}
        role = iam.Role(
            self,
            "SchedulerRole",
            assumed_by=iam.ServicePrincipal("scheduler.amazonaws.com"),
            description=f"commerce {self.stage.name}: EventBridge Scheduler invokes the jobs",
            inline_policies={
                "invoke-jobs": iam.PolicyDocument(
                    statements=[
                        iam.PolicyStatement(actions=["lambda:InvokeFunction"], resources=list(targets.values())),
                        iam.PolicyStatement(actions=["sqs:SendMessage"], resources=[dlq.queue_arn]),
                    ]
                )
            },
        )
        schedules = {}
        for name, expression in SCHEDULES.items():
            self._function(name).add_property_deletion_override("Events")  # Chalice's UTC rule
            payload = {
                "version": "0",
                "id": "<aws.scheduler.execution-id>",
                "detail-type": "Scheduled Event",
                "source": "aws.scheduler",
                "account": cdk.Aws.ACCOUNT_ID,
                "time": "<aws.scheduler.scheduled-time>",
                "region": cdk.Aws.REGION,
                "resources": ["<aws.scheduler.schedule-arn>"],
                "detail": {"job": name},
            }
            schedules[name] = scheduler.CfnSchedule(
                self,
                f"{cfn_name(name)}Schedule",
                name=f"commerce-{self.stage.name}-{name.replace('_', '-')}",
                description=f"runs the {name} job",
                schedule_expression=expression,
                schedule_expression_timezone=self.stage.store_timezone,
                flexible_time_window=scheduler.CfnSchedule.FlexibleTimeWindowProperty(mode="OFF"),
                state="ENABLED",
                target=scheduler.CfnSchedule.TargetProperty(
                    arn=targets[name],
                    role_arn=role.role_arn,
                    input=cdk.Stack.of(self).to_json_string(payload),
                    retry_policy=scheduler.CfnSchedule.RetryPolicyProperty(
                        maximum_retry_attempts=2, maximum_event_age_in_seconds=3600
                    ),
                    dead_letter_config=scheduler.CfnSchedule.DeadLetterConfigProperty(arn=dlq.queue_arn),
                ),
            )
        return schedules

    def _on_failure_destinations(self) -> None:
        """Scheduler invokes the jobs asynchronously: a run that still fails after
        Lambda's two retries lands, with its error, in the jobs DLQ (alarmed)."""
        for name in SCHEDULES:
            self._function(name).add_property_override(
                "EventInvokeConfig",
                {
                    "MaximumRetryAttempts": 2,
                    "DestinationConfig": {"OnFailure": {"Type": "SQS", "Destination": self.jobs_dlq.queue_arn}},
                },
            )

    def _throttle_api(self) -> None:
        api = self.app.get_resource("RestAPI")
        api.add_property_override("Name", f"commerce-{self.stage.name}")
        api.add_property_override("GatewayResponses", gateway_responses())
        api.add_property_override(
            "MethodSettings",
            [
                {
                    "ResourcePath": "/*",
                    "HttpMethod": "*",
                    "ThrottlingRateLimit": self.stage.throttle_rate,
                    "ThrottlingBurstLimit": self.stage.throttle_burst,
                    "MetricsEnabled": True,
                }
            ],
        )

    def _access_log_and_tracing(self) -> None:
        """JSON access logs to a log group with a retention, and X-Ray on the API
        stage. API Gateway writes logs through the account's CloudWatch role
        (one per account and region): the stack sets it, and keeps it on deletion
        so another stage in the account keeps logging."""
        access_log = self._new_log_group("ApiAccessLogs", f"/aws/apigateway/{self.stack_name}-access")
        account_logs = f"arn:{cdk.Aws.PARTITION}:logs:{cdk.Aws.REGION}:{cdk.Aws.ACCOUNT_ID}:log-group:*"
        role = iam.Role(
            self,
            "ApiGatewayLogsRole",
            assumed_by=iam.ServicePrincipal("apigateway.amazonaws.com"),
            description="API Gateway writes the account's API logs (access and execution) to CloudWatch Logs",
            inline_policies={
                "push-to-cloudwatch-logs": iam.PolicyDocument(
                    statements=[
                        iam.PolicyStatement(
                            actions=[
                                "logs:CreateLogGroup",
                                "logs:CreateLogStream",
                                "logs:DescribeLogGroups",
                                "logs:DescribeLogStreams",
                                "logs:PutLogEvents",
                                "logs:GetLogEvents",
                                "logs:FilterLogEvents",
                            ],
                            resources=[account_logs],
                        )
                    ]
                )
            },
        )
        role.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
        account = apigateway.CfnAccount(self, "ApiGatewayAccount", cloud_watch_role_arn=role.role_arn)
        account.apply_removal_policy(cdk.RemovalPolicy.RETAIN)
        api = self.app.get_resource("RestAPI")
        api.add_dependency(account)  # the stage cannot log before the account has its role
        api.add_property_override("TracingEnabled", True)
        api.add_property_override(
            "AccessLogSetting",
            {
                # The log group's ARN without the ":*" its Arn attribute ends with.
                "DestinationArn": f"arn:{cdk.Aws.PARTITION}:logs:{cdk.Aws.REGION}:{cdk.Aws.ACCOUNT_ID}:log-group:{access_log.ref}",
                "Format": json.dumps(ACCESS_LOG_FIELDS, separators=(",", ":")),
            },
        )

    # -- alarms ----------------------------------------------------------------------------------
    def _alarms(self, alarm_email: str | None) -> None:
        # CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key
        # (its key policy cannot admit cloudwatch.amazonaws.com): a key of our own,
        # rotated yearly (ADR 0008).
        key = kms.Key(
            self,
            "AlarmsKey",
            alias=f"alias/commerce-{self.stage.name}-alarms",
            description=f"commerce {self.stage.name}: encrypts the alarms topic",
            enable_key_rotation=True,
            removal_policy=cdk.RemovalPolicy.RETAIN if self.stage.protect_data else cdk.RemovalPolicy.DESTROY,
        )
        key.add_to_resource_policy(
            iam.PolicyStatement(
                sid="CloudWatchAlarmsPublish",
                principals=[iam.ServicePrincipal("cloudwatch.amazonaws.com")],
                actions=["kms:Decrypt", "kms:GenerateDataKey*"],
                resources=["*"],
                conditions={"StringEquals": {"aws:SourceAccount": cdk.Aws.ACCOUNT_ID}},
            )
        )
        topic = sns.Topic(
            self,
            "Alarms",
            topic_name=f"commerce-{self.stage.name}-alarms",
            enforce_ssl=True,
            master_key=key,
        )
        self.alarms_key = key
        if alarm_email:
            topic.add_subscription(subscriptions.EmailSubscription(alarm_email))
        action = cloudwatch_actions.SnsAction(topic)
        five_minutes = cdk.Duration.minutes(5)

        def alarm(
            construct_id: str, description: str, metric: cloudwatch.IMetric, threshold: float, **kwargs: Any
        ) -> None:
            created = cloudwatch.Alarm(
                self,
                construct_id,
                alarm_description=description,
                metric=metric,
                threshold=threshold,
                evaluation_periods=kwargs.pop("evaluation_periods", 1),
                comparison_operator=cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
                **kwargs,
            )
            created.add_alarm_action(action)

        for name, dlq in self.dlqs.items():
            alarm(
                f"{cfn_name(name)}DlqDepth",
                f"messages in the {name} dead-letter queue: inspect them, fix, redrive",
                dlq.metric_approximate_number_of_messages_visible(period=five_minutes, statistic="Maximum"),
                1,
            )
        api_dimensions = {"ApiName": f"commerce-{self.stage.name}", "Stage": self.stage.api_gateway_stage}
        alarm(
            "Api5xxRate",
            "more than 1% of API requests answered 5xx for 10 minutes",
            cloudwatch.Metric(
                namespace="AWS/ApiGateway",
                metric_name="5XXError",
                dimensions_map=api_dimensions,
                statistic="Average",
                period=five_minutes,
            ),
            0.01,
            evaluation_periods=2,
        )
        for function in self._functions():
            alarm(
                f"{cfn_name(function)}Throttles",
                f"the {function} function was throttled",
                cloudwatch.Metric(
                    namespace="AWS/Lambda",
                    metric_name="Throttles",
                    dimensions_map={"FunctionName": self._function(function).ref},
                    statistic="Sum",
                    period=five_minutes,
                ),
                1,
            )
        alarm(
            "TableThrottles",
            "DynamoDB throttled requests on the table",
            cloudwatch.Metric(
                namespace="AWS/DynamoDB",
                metric_name="ThrottledRequests",
                dimensions_map={"TableName": self.table.ref},
                statistic="Sum",
                period=five_minutes,
            ),
            1,
        )
        one_hour = cdk.Duration.hours(1)
        for kind in (*SLA_KINDS, *(kind for kind, _ in AFTER_SALE_BREACHES.values()), TICKET_BREACH_KIND):
            alarm(
                f"SlaBreaches{cfn_name(kind)}",
                f"orders or after-sale requests breached the {kind} deadline (GET /admin/exceptions)",
                cloudwatch.Metric(
                    namespace=METRICS_NAMESPACE,
                    metric_name="SlaBreaches",
                    dimensions_map={"stage": self.stage.name, "kind": kind},
                    statistic="Sum",
                    period=one_hour,
                ),
                1,
            )
        for dimension in ("description", "service", "logistics"):  # compute_dsr's daily figures (ADR 0020)
            cloudwatch.Alarm(
                self,
                f"StoreRating{cfn_name(dimension)}",
                alarm_description=f"the store's {dimension} rating over 180 days fell below {DSR_ALARM_BELOW}",
                metric=cloudwatch.Metric(
                    namespace=METRICS_NAMESPACE,
                    metric_name=DSR_METRIC,
                    dimensions_map={"stage": self.stage.name, "dimension": dimension},
                    statistic="Minimum",
                    period=cdk.Duration.days(1),
                ),
                threshold=DSR_ALARM_BELOW,
                evaluation_periods=1,
                comparison_operator=cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
                treat_missing_data=cloudwatch.TreatMissingData.NOT_BREACHING,
            ).add_alarm_action(action)
        for metric_name, description in (
            ("RenewalsFailed", "membership renewals failed to charge (members now past_due)"),
            ("RefundsRefused", "Stripe refused refunds the API asked for (customer service must refund by hand)"),
            ("PaymentMismatches", "payments succeeded for another amount or currency than their order's"),
            ("Disputes", "customers disputed charges: answer with evidence in Stripe before the deadline"),
        ):
            alarm(
                metric_name,
                description,
                cloudwatch.Metric(
                    namespace=METRICS_NAMESPACE,
                    metric_name=metric_name,
                    dimensions_map={"stage": self.stage.name},
                    statistic="Sum",
                    period=one_hour,
                ),
                1,
            )
