package io.keyedrnn.jobs.kafka;

import io.keyedrnn.flink.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * Passes a Kafka record's value bytes and coordinates through unparsed. It cannot throw, so a
 * poison record cannot make the source restart forever; the job parses and dead-letters instead.
 */
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        long ts =
                record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || record.timestamp() < 0
                        ? RawRecord.NO_TIMESTAMP
                        : record.timestamp();
        out.collect(
                new RawRecord(
                        record.value(), record.topic(), record.partition(), record.offset(), ts));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
