package io.keyedrnn.model.io;

import io.keyedrnn.model.RecurrentNetwork;
import java.util.Objects;

/** A network with the keyed-rnn facts that travel with it in the model file. */
public record Model(RecurrentNetwork network, ModelMetadata metadata) {
    public Model {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(metadata, "metadata");
    }

    /**
     * The numeric features an event carries: the network's inputs less the calendar inputs derived
     * from the event's time (0 for a categorical model).
     */
    public int eventFeatures() {
        if (network.isCategorical()) {
            return 0;
        }
        return network.inputSize() - metadata.calendarInputs().width();
    }

    /** The model version from the metadata (0 for a plain PyTorch file). */
    public long version() {
        return metadata.version();
    }
}
