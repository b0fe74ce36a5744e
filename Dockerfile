# The app image: the four services from the project's shaded jar, nothing of the sandbox (no simulator, embedded
# broker or registry; AppJarIntegrationTest checks the jar). Build the jar first: mvn -B -DskipTests package
# curl is for the compose health checks (GET /health); /var/lib/p21-bridge is where the transformer keeps its state.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10021 --home-dir /var/lib/p21-bridge bridge \
    && mkdir -p /var/lib/p21-bridge \
    && chown bridge /var/lib/p21-bridge
COPY app/target/p21-bridge.jar /app/p21-bridge.jar
USER bridge
WORKDIR /var/lib/p21-bridge
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/p21-bridge.jar"]
CMD ["--help"]
