package io.keyedrnn.jobs.train.history;

import io.keyedrnn.flink.RawRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** The Flink functions of the history reading job ({@code HistoryJob}). */
public final class HistoryFunctions {
    /** Rejected records, one skip count of 1 each. */
    public static final OutputTag<HistoryRecord> REJECTED =
            new OutputTag<>("rejected", TypeInformation.of(HistoryRecord.class));

    /** Events per part of a key's history sent back to the client. */
    static final int PART_SIZE = 16_384;

    private HistoryFunctions() {}

    /** Side-output adapter: events downstream, rejections to {@link #REJECTED}. */
    private record Sink<I>(ProcessFunction<I, ParsedEvent>.Context ctx, Collector<ParsedEvent> out)
            implements EventSink {
        @Override
        public void event(ParsedEvent e) {
            out.collect(e);
        }

        @Override
        public void rejected(String reason, String message) {
            ctx.output(REJECTED, HistoryRecord.skipped(reason, message));
        }
    }

    /** Reads the files whose indices arrive (so files are read in parallel). */
    public static final class ReadFiles extends ProcessFunction<Integer, ParsedEvent> {
        private static final long serialVersionUID = 1L;
        private final String[] paths;
        private final ReadSpec spec;

        public ReadFiles(List<Path> files, ReadSpec spec) {
            this.paths = files.stream().map(Path::toString).toArray(String[]::new);
            this.spec = spec;
        }

        @Override
        public void processElement(Integer index, Context ctx, Collector<ParsedEvent> out)
                throws Exception {
            FileEvents.read(Path.of(paths[index]), index, spec, new Sink<>(ctx, out));
        }
    }

    /** Parses Kafka records; an event without its own time takes the record's. */
    public static final class ParseKafka extends ProcessFunction<RawRecord, ParsedEvent> {
        private static final long serialVersionUID = 1L;
        private final ReadSpec spec;
        private transient JsonRecords json;

        public ParseKafka(ReadSpec spec) {
            this.spec = spec;
        }

        @Override
        public void open(OpenContext ctx) {
            json = new JsonRecords(spec);
        }

        @Override
        public void processElement(RawRecord r, Context ctx, Collector<ParsedEvent> out) {
            int len = r.value == null ? 0 : r.value.length;
            json.parse(
                    r.value,
                    0,
                    len,
                    r.timestamp,
                    r.origin(),
                    r.partition,
                    r.offset,
                    new Sink<>(ctx, out));
        }
    }

    /**
     * Gathers a key's events and emits them sorted once the key's input is over. In BATCH mode
     * input arrives grouped by key and a timer at the end of time fires when the key is done.
     */
    public static final class CollectKey
            extends KeyedProcessFunction<String, ParsedEvent, HistoryRecord> {
        private static final long serialVersionUID = 1L;
        private transient ListState<ParsedEvent> events;

        @Override
        public void open(OpenContext ctx) {
            events =
                    getRuntimeContext()
                            .getListState(
                                    new ListStateDescriptor<>(
                                            "events", TypeInformation.of(ParsedEvent.class)));
        }

        @Override
        public void processElement(ParsedEvent e, Context ctx, Collector<HistoryRecord> out)
                throws Exception {
            events.add(e);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }

        @Override
        public void onTimer(long ts, OnTimerContext ctx, Collector<HistoryRecord> out)
                throws Exception {
            List<ParsedEvent> all = new ArrayList<>();
            events.get().forEach(all::add);
            events.clear();
            if (!all.isEmpty()) {
                HistoryRecord.series(ctx.getCurrentKey(), all, PART_SIZE).forEach(out::collect);
            }
        }
    }
}
