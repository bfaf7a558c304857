#!/usr/bin/python3
"""Produces impression events to a streamrec dev-stack with Confluent's Python client (confluent_kafka 1.7).

Usage: produce_impressions.py BOOTSTRAP_SERVERS REGISTRY_URL [COUNT] [TOPIC]
Values are Avro in Confluent's wire format, registered under the subject <topic>-value by Confluent's own
serializer (the one AvroProducer uses); keys are plain UTF-8 user ids, as streamrec reads them (AvroProducer
would Avro-encode keys too, hence the plain Producer).
"""
import json
import sys
from datetime import datetime, timedelta, timezone

from confluent_kafka import Producer, avro
from confluent_kafka.avro import CachedSchemaRegistryClient
from confluent_kafka.avro.serializer.message_serializer import MessageSerializer

ATTRIBUTES = {
    "type": "record", "name": "Attributes", "namespace": "dev.streamrec.schema",
    "fields": [
        {"name": "categorical", "type": {"type": "map", "values": {"type": "array", "items": "string"}},
         "default": {}},
        {"name": "numeric", "type": {"type": "map", "values": "double"}, "default": {}},
    ],
}
IMPRESSION = avro.loads("""{
  "type": "record", "name": "ImpressionEvent", "namespace": "dev.streamrec.schema",
  "fields": [
    {"name": "eventId", "type": "string"},
    {"name": "userId", "type": "string"},
    {"name": "itemId", "type": "string"},
    {"name": "eventTime", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "clicked", "type": "boolean"},
    {"name": "context", "type": %s}
  ]
}""" % json.dumps(ATTRIBUTES))


def main():
    bootstrap, registry = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    topic = sys.argv[4] if len(sys.argv) > 4 else "impressions"
    serializer = MessageSerializer(CachedSchemaRegistryClient({"url": registry}))
    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True})
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    for i in range(count):
        user = "py-user-%d" % (i % 5)
        event = {
            "eventId": "py-%d" % i, "userId": user, "itemId": "py-item-%d" % (i % 7),
            "eventTime": start + timedelta(seconds=i), "clicked": i % 3 == 0,
            "context": {"categorical": {"device": ["mobile" if i % 2 else "desktop"]}, "numeric": {"hour": 9.0}},
        }
        value = serializer.encode_record_with_schema(topic, IMPRESSION, event, is_key=False)
        producer.produce(topic, key=user.encode("utf-8"), value=value,
                         timestamp=int((start + timedelta(seconds=i)).timestamp() * 1000))
    producer.flush(30)
    print("produced %d impressions to %s" % (count, topic))


if __name__ == "__main__":
    main()
