"""The S3-compatible server of the tests: moto's, on 127.0.0.1."""

import boto3

S3_REGION = "us-east-1"
S3_CREDENTIALS = {"S3_ACCESS_KEY_ID": "lanterne-test", "S3_SECRET_ACCESS_KEY": "lanterne-secret"}


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_CREDENTIALS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_CREDENTIALS["S3_SECRET_ACCESS_KEY"],
    )
