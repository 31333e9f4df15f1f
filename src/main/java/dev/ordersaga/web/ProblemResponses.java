package dev.ordersaga.web;

import dev.ordersaga.problem.ProblemType;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code application/problem+json} answers of the OpenAPI document ({@link ApiDocumentation}): one example per problem type. */
final class ProblemResponses {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    private ProblemResponses() {}

    static void orderNotFound(ApiResponses responses) {
        problem(responses, ProblemType.ORDER_NOT_FOUND, "No order with this id", "No order with id 7c9e6679-7425-40de-944b-e07fc1f90ae7", null);
    }

    static void unavailable(ApiResponses responses) {
        problem(responses, ProblemType.TRACKING_UNAVAILABLE, "Elasticsearch cannot be reached (placing orders is not affected); Retry-After: 5",
                "Order tracking is unavailable right now; orders are still processed. Try again later.", null);
    }

    static void problem(ApiResponses responses, ProblemType type, String description, String detail, List<Map<String, String>> errors) {
        problem(responses, type, type.title(), description, detail, errors);
    }

    /** A problem answer of this type, with an example; {@code title} where it differs from the type's (a 404 that names what). */
    static void problem(ApiResponses responses, ProblemType type, String title, String description, String detail,
            List<Map<String, String>> errors) {
        String status = Integer.toString(type.status().value());
        var example = new LinkedHashMap<String, Object>();
        example.put("type", type.uri().toString());
        example.put("title", title);
        example.put("status", type.status().value());
        example.put("detail", detail);
        if (errors != null) {
            example.put("errors", errors);
        }
        var sample = new Example().value(example);
        String name = title.replace(' ', '-').toLowerCase();
        ApiResponse earlier = responses.get(status);
        if (earlier != null && earlier.getContent() != null && earlier.getContent().get(PROBLEM_JSON) != null) {
            // Another problem of the same status (e.g. two kinds of 503): one answer, both examples, both descriptions.
            earlier.getContent().get(PROBLEM_JSON).addExamples(name, sample);
            earlier.description(earlier.getDescription() + ". Or: " + description);
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)).addExamples(name, sample))));
    }

    /** The schema every problem answer refers to. */
    static Schema<?> problemSchema() {
        var error = new ObjectSchema().description("One bad field")
                .addProperty("field", new StringSchema().description("e.g. items[0].quantity").example("items[0].quantity"))
                .addProperty("message", new StringSchema().example("must be greater than 0"));
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").example("https://ordersaga.dev/problems/invalid-request"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("The order is not valid: 1 field(s) rejected"))
                .addProperty("instance", new StringSchema().format("uri-reference").example("/orders"))
                .addProperty("errors", new ArraySchema().items(error).description("For a 400 or 413: each bad field"));
    }
}
