package io.keyedrnn.jobs.scoring;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.flink.api.common.JobID;
import org.apache.flink.core.fs.Path;

/**
 * The stable identity of a local scoring deployment: the same {@code job.name}, {@code group.id}
 * and {@code transactional.id.prefix} give the same Flink job id, so a restarted {@code score}
 * finds its own checkpoints under {@code checkpoint.dir/<job-id>}.
 */
public record JobIdentity(JobID jobId, Path jobDir) {
    /** The settings that name a deployment; change one and it is another job. */
    static final String[] KEYS = {"job.name", "group.id", "transactional.id.prefix"};

    public static JobIdentity of(ScoringJobConfig c) {
        StringBuilder name = new StringBuilder("keyed-rnn scoring");
        for (String key : KEYS) {
            name.append('\n').append(key).append('=').append(c.get(key, ""));
        }
        UUID u = UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
        JobID id = new JobID(u.getLeastSignificantBits(), u.getMostSignificantBits());
        return new JobIdentity(id, new Path(c.checkpointDir(), id.toHexString()));
    }

    /** Where {@code score} writes the savepoint it takes when stopped. */
    public Path savepointDir() {
        return new Path(jobDir, "savepoints");
    }
}
