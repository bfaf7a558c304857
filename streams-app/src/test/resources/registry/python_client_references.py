"""Registers streamrec's .avsc files with schema references through Python's confluent_kafka.schema_registry.

Usage: python3 python_client_references.py REGISTRY_URL AVRO_DIR. Prints one JSON object with what it did; any
failure raises (non-zero exit). Run by PythonClientReferencesTest.
"""
import json
import os
import sys

from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient

url, avro_dir = sys.argv[1], sys.argv[2]
client = SchemaRegistryClient({"url": url})


def avsc(name):
    with open(os.path.join(avro_dir, name + ".avsc"), encoding="utf-8") as f:
        return f.read()


attributes = "dev.streamrec.schema.Attributes"
client.register_schema(attributes, Schema(avsc("Attributes"), "AVRO"))
version = client.get_latest_version(attributes).version
impression_id = client.register_schema("impressions-value", Schema(
    avsc("ImpressionEvent"), "AVRO", [SchemaReference(attributes, attributes, version)]))
fetched = client.get_schema(impression_id)
latest = client.get_latest_version("impressions-value")

client.register_schema("scratch-value", Schema('"string"', "AVRO"))
deleted = client.delete_subject("scratch-value", permanent=True)

print(json.dumps({
    "impression_id": impression_id,
    "attributes_version": version,
    "fetched_references": len(fetched.references),
    "latest_version": latest.version,
    "latest_id": latest.schema_id,
    "deleted_versions": deleted,
    "subjects": sorted(client.get_subjects()),
}))
