"""The CDK app: one stack per stage (`cdk synth -c stage=dev|prod`).

Stages come from .chalice/config.json; infra/commerce_infra/stages.py adds what
only the deployment needs (throttling, deletion protection, function timeouts).
"""

from __future__ import annotations

import aws_cdk as cdk
from commerce_infra.stack import CommerceStack
from commerce_infra.stages import load_stage

app = cdk.App()
stage = load_stage(app.node.try_get_context("stage") or "dev")
CommerceStack(
    app,
    f"commerce-{stage.name}",
    stage=stage,
    alarm_email=app.node.try_get_context("alarm_email"),
    description=f"Serverless headless commerce API ({stage.name})",
)
app.synth()
