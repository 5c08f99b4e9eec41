"""The raw archive of visitor events (ADR 0021): an EventBridge rule on the app's
bus sends every `analytics.events_collected` event (one accepted `POST /events`
batch) to a Kinesis Data Firehose delivery stream, which writes them to an S3
bucket as gzipped JSON lines, partitioned by day
(``visitor-events/year=YYYY/month=MM/day=DD/``), ready for Athena or a Glue
crawler. Everything is encrypted with one customer-managed key (rotated)."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_events as events
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kinesisfirehose as firehose
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

EVENT_TYPE = "analytics.events_collected"
SOURCE = "commerce"  # chalicelib/adapters/events.py SOURCE
PREFIX = "visitor-events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
ERROR_PREFIX = (
    "delivery-errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/"
)
RAW_DAYS = 400  # a year and a month of raw events; the KPIs themselves are in DynamoDB


class AnalyticsArchive(Construct):
    def __init__(
        self, scope: Construct, construct_id: str, *, bus: events.IEventBus, stage_name: str, protect_data: bool
    ) -> None:
        super().__init__(scope, construct_id)
        removal = cdk.RemovalPolicy.RETAIN if protect_data else cdk.RemovalPolicy.DESTROY
        self.key = kms.Key(
            self,
            "Key",
            description=f"commerce {stage_name}: the visitor-event archive (Firehose and S3)",
            enable_key_rotation=True,
            removal_policy=removal,
        )
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            encryption=s3.BucketEncryption.KMS,
            encryption_key=self.key,
            bucket_key_enabled=True,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="expire-raw-events",
                    expiration=cdk.Duration.days(RAW_DAYS),
                    noncurrent_version_expiration=cdk.Duration.days(7),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(1),
                )
            ],
            removal_policy=removal,
        )
        delivery_role = iam.Role(
            self,
            "DeliveryRole",
            assumed_by=iam.ServicePrincipal("firehose.amazonaws.com"),
            description=f"commerce {stage_name}: Firehose writes visitor events to the archive bucket",
            inline_policies={
                "least-privilege": iam.PolicyDocument(
                    statements=[
                        iam.PolicyStatement(
                            actions=[
                                "s3:AbortMultipartUpload",
                                "s3:GetBucketLocation",
                                "s3:GetObject",
                                "s3:ListBucket",
                                "s3:ListBucketMultipartUploads",
                                "s3:PutObject",
                            ],
                            resources=[self.bucket.bucket_arn, self.bucket.arn_for_objects("*")],
                        ),
                        iam.PolicyStatement(
                            actions=["kms:Decrypt", "kms:GenerateDataKey"], resources=[self.key.key_arn]
                        ),
                    ]
                )
            },
        )
        self.stream = firehose.CfnDeliveryStream(
            self,
            "Stream",
            delivery_stream_type="DirectPut",
            delivery_stream_encryption_configuration_input=firehose.CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty(
                key_type="CUSTOMER_MANAGED_CMK", key_arn=self.key.key_arn
            ),
            extended_s3_destination_configuration=firehose.CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty(
                bucket_arn=self.bucket.bucket_arn,
                role_arn=delivery_role.role_arn,
                prefix=PREFIX,
                error_output_prefix=ERROR_PREFIX,
                buffering_hints=firehose.CfnDeliveryStream.BufferingHintsProperty(
                    interval_in_seconds=300, size_in_m_bs=64
                ),
                compression_format="GZIP",
                encryption_configuration=firehose.CfnDeliveryStream.EncryptionConfigurationProperty(
                    kms_encryption_config=firehose.CfnDeliveryStream.KMSEncryptionConfigProperty(
                        awskms_key_arn=self.key.key_arn
                    )
                ),
                # One JSON object per line, so Athena reads the objects as JSON lines.
                processing_configuration=firehose.CfnDeliveryStream.ProcessingConfigurationProperty(
                    enabled=True,
                    processors=[firehose.CfnDeliveryStream.ProcessorProperty(type="AppendDelimiterToRecord")],
                ),
            ),
        )
        put_role = iam.Role(
            self,
            "RuleRole",
            assumed_by=iam.ServicePrincipal("events.amazonaws.com"),
            description=f"commerce {stage_name}: EventBridge puts visitor events into the delivery stream",
            inline_policies={
                "least-privilege": iam.PolicyDocument(
                    statements=[
                        iam.PolicyStatement(
                            actions=["firehose:PutRecord", "firehose:PutRecordBatch"],
                            resources=[self.stream.attr_arn],
                        )
                    ]
                )
            },
        )
        self.rule = events.CfnRule(
            self,
            "Rule",
            description="Visitor event batches (POST /events) to the archive's delivery stream",
            event_bus_name=bus.event_bus_name,
            event_pattern={"source": [SOURCE], "detail-type": [EVENT_TYPE]},
            state="ENABLED",
            targets=[
                events.CfnRule.TargetProperty(
                    id="archive",
                    arn=self.stream.attr_arn,
                    role_arn=put_role.role_arn,
                    # Only the envelope's detail (the domain event): one JSON object per batch.
                    input_path="$.detail",
                    retry_policy=events.CfnRule.RetryPolicyProperty(
                        maximum_event_age_in_seconds=86400, maximum_retry_attempts=185
                    ),
                )
            ],
        )
        cdk.CfnOutput(scope, "AnalyticsBucketName", value=self.bucket.bucket_name)
        cdk.CfnOutput(scope, "AnalyticsDeliveryStream", value=self.stream.ref)
