"""The visitor-event archive (ADR 0021) as synthesized: a rule on the app's bus
sends `analytics.events_collected` (only) to a Firehose stream, which writes
gzipped JSON lines by day into a private, versioned bucket with an expiry,
everything under one rotated customer-managed key; the two roles can do only
their one job."""

from __future__ import annotations

from tests.infra.test_template import actions_of, ref_of, resources, stage, template  # noqa: F401 - fixtures


def one(template, kind):  # noqa: F811
    """The archive's one resource of a kind (its logical ids start with the construct's id)."""
    found = {name: r for name, r in resources(template, kind).items() if name.startswith("AnalyticsArchive")}
    assert len(found) == 1, (kind, list(found))
    return next(iter(found.items()))


def test_the_bus_rule_sends_visitor_batches_only_to_the_delivery_stream(template):  # noqa: F811
    rules = [r for r in resources(template, "AWS::Events::Rule").values()]
    [rule] = [
        r for r in rules if r["Properties"].get("EventPattern", {}).get("detail-type") == ["analytics.events_collected"]
    ]
    assert rule["Properties"]["EventPattern"]["source"] == ["commerce"]
    assert ref_of(rule["Properties"]["EventBusName"]) == next(iter(resources(template, "AWS::Events::EventBus")))
    [target] = rule["Properties"]["Targets"]
    stream_id, _ = one(template, "AWS::KinesisFirehose::DeliveryStream")
    assert ref_of(target["Arn"]) == stream_id
    assert target["InputPath"] == "$.detail"
    role = resources(template, "AWS::IAM::Role")[ref_of(target["RoleArn"])]
    [statement] = [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]
    assert sorted(actions_of(statement)) == ["firehose:PutRecord", "firehose:PutRecordBatch"]
    assert ref_of(statement["Resource"]) == stream_id


def test_the_stream_writes_gzipped_json_lines_by_day_under_the_customer_managed_key(template):  # noqa: F811
    key_id, key = one(template, "AWS::KMS::Key")
    assert key["Properties"]["EnableKeyRotation"] is True
    _, stream = one(template, "AWS::KinesisFirehose::DeliveryStream")
    props = stream["Properties"]
    assert props["DeliveryStreamEncryptionConfigurationInput"]["KeyType"] == "CUSTOMER_MANAGED_CMK"
    assert ref_of(props["DeliveryStreamEncryptionConfigurationInput"]["KeyARN"]) == key_id
    s3 = props["ExtendedS3DestinationConfiguration"]
    assert s3["Prefix"].startswith("visitor-events/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/")
    assert s3["CompressionFormat"] == "GZIP"
    assert s3["ProcessingConfiguration"]["Processors"] == [{"Type": "AppendDelimiterToRecord"}]
    assert ref_of(s3["EncryptionConfiguration"]["KMSEncryptionConfig"]["AWSKMSKeyARN"]) == key_id
    bucket_id, _ = one(template, "AWS::S3::Bucket")
    assert ref_of(s3["BucketARN"]) == bucket_id


def test_the_bucket_is_private_versioned_encrypted_and_expires_raw_events(template):  # noqa: F811
    key_id, _ = one(template, "AWS::KMS::Key")
    _, bucket = one(template, "AWS::S3::Bucket")
    props = bucket["Properties"]
    [rule] = props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert ref_of(rule["ServerSideEncryptionByDefault"]["KMSMasterKeyID"]) == key_id
    assert all(props["PublicAccessBlockConfiguration"].values())
    assert props["VersioningConfiguration"]["Status"] == "Enabled"
    [lifecycle] = props["LifecycleConfiguration"]["Rules"]
    assert lifecycle["ExpirationInDays"] == 400 and lifecycle["Status"] == "Enabled"
    _, policy = one(template, "AWS::S3::BucketPolicy")
    denies = [s for s in policy["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
    assert any(s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for s in denies)
