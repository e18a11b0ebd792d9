package io.flinkcertify.reports.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerdictFileTest {

    @Test
    void readsTheGatesDeductionObjectsAndPlainStrings() throws Exception {
        // the object form is what the harness's gate writes (gate.Deduction); the string form older files hold
        String json = """
                {"batch": "b", "verdict": "FAIL", "jobs": [{"id": "j", "job": "j", "score": 4.0, "components": [
                  {"name": "recovery", "weight": 7.5, "score": 0.0, "measurements": [],
                   "deductions": [{"points": 10.0, "reason": "taskmanager-kill failed", "source": "fault/x"}]},
                  {"name": "launch", "weight": 0.2, "score": 8, "deductions": ["-2: slower launch"]}]}]}
                """;
        VerdictFile v = new ObjectMapper().readValue(json, VerdictFile.class);
        List<VerdictFile.Component> components = v.jobs().get(0).components();
        assertEquals("-10.0: taskmanager-kill failed", components.get(0).deductions().get(0).toString());
        assertEquals("fault/x", components.get(0).deductions().get(0).source());
        assertEquals("-2: slower launch", components.get(1).deductions().get(0).toString());
    }
}
