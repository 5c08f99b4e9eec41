"""The e-mail and SMS channels: Amazon SES (SendEmail from the verified sender
``COMMERCE_EMAIL_SENDER``) and Amazon SNS (Publish to a phone number). Locally
both run on the moto server (COMMERCE_SES_ENDPOINT, COMMERCE_SNS_ENDPOINT), where
what was sent is readable at ``/moto-api/data.json`` (``ses.Message``, ``sns.SMS``)."""

from __future__ import annotations

from typing import Any

from ..domain.notifications import MARKETING, Message, SendRecord
from ..settings import Settings


def _client(service: str, settings: Settings, endpoint: str | None) -> Any:
    import boto3
    from botocore.config import Config

    config = Config(connect_timeout=3, read_timeout=10, retries={"max_attempts": 3, "mode": "standard"})
    return boto3.client(service, region_name=settings.region, endpoint_url=endpoint, config=config)


class SesEmail:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._ses: Any = None

    def send(self, address: str, message: Message, record: SendRecord) -> str:
        if self._ses is None:
            self._ses = _client("ses", self.settings, self.settings.ses_endpoint)
        response = self._ses.send_email(
            Source=self.settings.email_sender,
            Destination={"ToAddresses": [address]},
            Message={
                "Subject": {"Data": message.subject, "Charset": "UTF-8"},
                "Body": {"Text": {"Data": message.body, "Charset": "UTF-8"}},
            },
            Tags=[
                {"Name": "kind", "Value": record.kind.replace(".", "_")},
                {"Name": "category", "Value": record.category},
            ],
        )
        return str(response["MessageId"])


class SnsSms:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._sns: Any = None

    def send(self, address: str, message: Message, record: SendRecord) -> str:
        if self._sns is None:
            self._sns = _client("sns", self.settings, self.settings.sns_endpoint)
        kind = "Promotional" if record.category == MARKETING else "Transactional"
        response = self._sns.publish(
            PhoneNumber=address,
            Message=f"{message.subject}: {message.body}"[:600],
            MessageAttributes={"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": kind}},
        )
        return str(response["MessageId"])
