"""The commerce API's AWS deployment (CDK)."""
