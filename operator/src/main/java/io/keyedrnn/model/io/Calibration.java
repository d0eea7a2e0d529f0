package io.keyedrnn.model.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The scorer's calibration, fitted on validation data by the retraining job.
 *
 * @param scorer scorer name, e.g. {@code gaussian_error} or {@code token_rank}
 * @param errorMean mean of the per-event prediction error on validation data
 * @param errorStd standard deviation of that error
 * @param threshold score above which an event is an anomaly
 * @param falseAlarmRate the false-alarm rate the threshold was chosen for, if any
 * @param topG DeepLog's g for categorical streams, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Calibration(
        @JsonProperty("scorer") String scorer,
        @JsonProperty("error_mean") Double errorMean,
        @JsonProperty("error_std") Double errorStd,
        @JsonProperty("threshold") Double threshold,
        @JsonProperty("false_alarm_rate") Double falseAlarmRate,
        @JsonProperty("top_g") Integer topG) {}
