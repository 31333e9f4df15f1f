# order-saga container image: the Spring Boot application, run as a non-root user.
#
#   docker build -t order-saga .
#
# The same image runs the saga side (REST API, bridge, engine client, projection) and, with
# ORDER_SAGA_SAGA_ENABLED=false, CAMUNDA_CLIENT_ENABLED=false and ORDER_SAGA_PARTICIPANTS_ENABLED=true,
# the reference participants (see docker-compose.yml, helm/order-saga and README.md).
# Alternative without this file (Cloud Native Buildpacks, needs a Docker daemon as well):
#   ./mvnw -DskipTests -Dorder-saga.checks.skip=true spring-boot:build-image \
#       -Dspring-boot.build-image.imageName=order-saga

# --- build: Maven wrapper on a JDK 21 ---------------------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
WORKDIR /workspace

# Dependencies first, in their own layer: it is rebuilt only when pom.xml changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp -q -Dorder-saga.checks.skip=true dependency:go-offline

# order-saga.checks.skip: the model, Helm and Compose checks need Node.js and run in CI, not here.
COPY src/ src/
COPY processes/ processes/
RUN ./mvnw -B -ntp -DskipTests -Dorder-saga.checks.skip=true -Dmdep.skip=true package \
 && java -Djarmode=tools -jar target/order-saga-*.jar extract --layers --launcher --destination target/extracted

# --- run: JRE 21, non-root ----------------------------------------------------------------------------
FROM eclipse-temurin:21-jre

# curl for container health checks (docker-compose.yml); the base image no longer guarantees it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app
# Spring Boot layers, least to most often changing.
COPY --from=build /workspace/target/extracted/dependencies/ ./
COPY --from=build /workspace/target/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/target/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/target/extracted/application/ ./

# Numeric user, so that Kubernetes can verify runAsNonRoot.
USER 10001:10001
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
