package io.flinkcertify.reports.input;

/** A run's file the report cannot use; the message names the file and what to do. */
public final class ReportInputException extends RuntimeException {
    public ReportInputException(String message) {
        super(message);
    }
}
