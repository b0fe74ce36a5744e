package dev.p21bridge.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p21bridge.registry.RegistryEvent.SchemaRegistered;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confluent's REST API (v1) over {@link SchemaRegistryService}: the same paths, JSON shapes, statuses and
 * {@code error_code}s, so Confluent's serializers, console tools and UIs work against it unchanged.
 */
final class SchemaRegistryHttpApi {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryHttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryService service;

    SchemaRegistryHttpApi(SchemaRegistryService service) {
        this.service = service;
    }

    record SubjectVersion(String subject, int version, int id, String schema) {
        static SubjectVersion of(SchemaRegistered registered) {
            return new SubjectVersion(registered.subject(), registered.version(), registered.id(), registered.schema());
        }
    }

    record SubjectAndVersion(String subject, int version) {
    }

    void addTo(RoutesConfig routes) {
        routes.get("/", ctx -> answer(ctx, Map.of()));
        routes.get("/schemas/types", ctx -> answer(ctx, List.of("AVRO")));
        routes.get("/schemas/ids/{id}", ctx -> answer(ctx, Map.of("schema", service.schemaText(schemaId(ctx)))));
        routes.get("/schemas/ids/{id}/versions", ctx -> answer(ctx, service.usesOf(schemaId(ctx)).stream()
                .map(use -> new SubjectAndVersion(use.subject(), use.version())).toList()));
        routes.get("/schemas/ids/{id}/subjects", ctx -> answer(ctx, service.usesOf(schemaId(ctx)).stream()
                .map(SchemaRegistered::subject).distinct().toList()));
        routes.get("/subjects", ctx -> answer(ctx, service.subjects()));
        routes.get("/subjects/{subject}/versions", ctx -> answer(ctx, service.versions(subject(ctx)).stream()
                .map(SchemaRegistered::version).toList()));
        routes.post("/subjects/{subject}/versions", ctx -> answer(ctx, Map.of("id",
                service.register(subject(ctx), requestSchema(ctx)))));
        routes.post("/subjects/{subject}", ctx -> answer(ctx, SubjectVersion.of(
                service.lookup(subject(ctx), requestSchema(ctx)))));
        routes.get("/subjects/{subject}/versions/{version}", ctx -> answer(ctx, SubjectVersion.of(
                service.version(subject(ctx), ctx.pathParam("version")))));
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> ctx.contentType(CONTENT_TYPE)
                .result(service.version(subject(ctx), ctx.pathParam("version")).schema()));
        routes.post("/compatibility/subjects/{subject}/versions/{version}",
                ctx -> compatibility(ctx, ctx.pathParam("version")));
        routes.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, "latest"));
        routes.get("/config", ctx -> answer(ctx, Map.of("compatibilityLevel", service.globalLevel())));
        routes.put("/config", ctx -> {
            CompatibilityLevel level = requestLevel(ctx);
            service.setGlobalLevel(level);
            answer(ctx, Map.of("compatibility", level));
        });
        routes.delete("/config", ctx -> {
            CompatibilityLevel previous = service.globalLevel();
            service.setGlobalLevel(CompatibilityLevel.BACKWARD);
            answer(ctx, Map.of("compatibilityLevel", previous));
        });
        routes.get("/config/{subject}", ctx -> answer(ctx, Map.of("compatibilityLevel",
                service.subjectLevel(subject(ctx)).orElseGet(() -> {
                    if ("true".equalsIgnoreCase(ctx.queryParam("defaultToGlobal"))) {
                        return service.globalLevel();
                    }
                    throw RegistryError.subjectLevelNotConfigured(subject(ctx));
                }))));
        routes.put("/config/{subject}", ctx -> {
            CompatibilityLevel level = requestLevel(ctx);
            service.setSubjectLevel(subject(ctx), level);
            answer(ctx, Map.of("compatibility", level));
        });
        routes.delete("/config/{subject}", ctx -> answer(ctx, Map.of("compatibilityLevel",
                service.deleteSubjectLevel(subject(ctx)))));
        addErrorHandling(routes);
    }

    private void compatibility(Context ctx, String version) throws JsonProcessingException {
        List<String> problems = service.compatibilityProblems(subject(ctx), version, requestSchema(ctx));
        ObjectNode body = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if ("true".equalsIgnoreCase(ctx.queryParam("verbose"))) {
            body.set("messages", JSON.valueToTree(problems));
        }
        answer(ctx, body);
    }

    private static void addErrorHandling(RoutesConfig routes) {
        routes.exception(RegistryError.class, (e, ctx) -> error(ctx, e.status(), e.errorCode(), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Schema registry request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, 50001, "Error in the backend data store: " + e);
        });
        routes.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                error(ctx, 404, 404, "HTTP 404 Not Found");
            }
        });
        routes.error(405, ctx -> error(ctx, 405, 405, "HTTP 405 Method Not Allowed"));
    }

    private static void answer(Context ctx, Object body) throws JsonProcessingException {
        ctx.contentType(CONTENT_TYPE).result(JSON.writeValueAsString(body));
    }

    private static void error(Context ctx, int status, int errorCode, String message) {
        ObjectNode body = JSON.createObjectNode().put("error_code", errorCode).put("message", message);
        ctx.status(status).contentType(CONTENT_TYPE).result(body.toString());
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static int schemaId(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound();
        }
    }

    /** The {@code schema} of a request body; only Avro without references is accepted. */
    private static String requestSchema(Context ctx) {
        JsonNode body = requestBody(ctx);
        String type = body.path("schemaType").asText("AVRO");
        if (!type.equalsIgnoreCase("AVRO")) {
            throw RegistryError.invalidSchema("schema type " + type + " is not supported, only AVRO");
        }
        if (body.path("references").size() > 0) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        JsonNode schema = body.get("schema");
        return schema == null || !schema.isTextual() ? null : schema.asText();
    }

    private static CompatibilityLevel requestLevel(Context ctx) {
        JsonNode level = requestBody(ctx).get("compatibility");
        String name = level == null ? null : level.asText();
        try {
            return CompatibilityLevel.parse(name);
        } catch (IllegalArgumentException e) {
            throw RegistryError.invalidCompatibilityLevel(name);
        }
    }

    private static JsonNode requestBody(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.body());
            if (body == null || !body.isObject()) {
                throw RegistryError.badRequest("The request body must be a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw RegistryError.badRequest("The request body is not JSON: " + e.getOriginalMessage());
        }
    }
}
