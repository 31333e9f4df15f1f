{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "order-saga.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, plus the chart name unless the release name contains it. */}}
{{- define "order-saga.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "order-saga.participantsName" -}}
{{- printf "%s-participants" (include "order-saga.fullname" . | trunc 50 | trimSuffix "-") }}
{{- end }}

{{- define "order-saga.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "order-saga.labels" -}}
helm.sh/chart: {{ include "order-saga.chart" . }}
{{ include "order-saga.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: order-saga
{{- end }}

{{- define "order-saga.selectorLabels" -}}
app.kubernetes.io/name: {{ include "order-saga.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "order-saga.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "order-saga.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "order-saga.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Kafka security protocol: the value, or what sasl and tls imply. */}}
{{- define "order-saga.kafkaProtocol" -}}
{{- $kafka := .Values.kafka }}
{{- if $kafka.securityProtocol }}{{ $kafka.securityProtocol }}
{{- else if and $kafka.sasl.existingSecret $kafka.tls.caSecret }}SASL_SSL
{{- else if $kafka.sasl.existingSecret }}SASL_PLAINTEXT
{{- else if or $kafka.tls.caSecret $kafka.tls.clientSecret }}SSL
{{- end }}
{{- end }}

{{/* Secrets mounted as files: name, secret, mount path. Parameters: root, component. */}}
{{- define "order-saga.secretVolumes" -}}
{{- $values := .root.Values }}
{{- with $values.kafka.tls.caSecret }}
- name: kafka-ca
  secret: {{ . | quote }}
  path: /etc/order-saga/kafka-ca
{{- end }}
{{- with $values.kafka.tls.clientSecret }}
- name: kafka-client
  secret: {{ . | quote }}
  path: /etc/order-saga/kafka-client
{{- end }}
{{- if eq .component "saga" }}
{{- with $values.elasticsearch.tls.caSecret }}
- name: elasticsearch-ca
  secret: {{ . | quote }}
  path: /etc/order-saga/elasticsearch-ca
{{- end }}
{{- end }}
{{- end }}

{{/* Environment both containers share: Kafka and its credentials, the API's security, the server, the probes. */}}
{{- define "order-saga.commonEnv" -}}
{{- $kafka := .Values.kafka }}
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ $kafka.bootstrapServers | quote }}
{{- with (include "order-saga.kafkaProtocol" .) }}
- name: SPRING_KAFKA_SECURITY_PROTOCOL
  value: {{ . | quote }}
{{- end }}
{{- with $kafka.sasl }}
{{- if .existingSecret }}
{{- if .username }}
- name: KAFKA_SASL_USERNAME
  value: {{ .username | quote }}
{{- else }}
- name: KAFKA_SASL_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .usernameKey | quote }}
{{- end }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .passwordKey | quote }}
- name: SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
  value: {{ .mechanism | quote }}
# Kubernetes expands $(VAR) from the variables above: the password stays in the Secret.
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";" (eq .mechanism "PLAIN" | ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule") | quote }}
{{- end }}
{{- end }}
{{- with $kafka.tls }}
{{- if or .caSecret .clientSecret }}
- name: SPRING_KAFKA_SSL_BUNDLE
  value: kafka
{{- end }}
{{- if .caSecret }}
- name: SPRING_SSL_BUNDLE_PEM_KAFKA_TRUSTSTORE_CERTIFICATE
  value: {{ printf "file:/etc/order-saga/kafka-ca/%s" .caKey | quote }}
{{- end }}
{{- if .clientSecret }}
- name: SPRING_SSL_BUNDLE_PEM_KAFKA_KEYSTORE_CERTIFICATE
  value: {{ printf "file:/etc/order-saga/kafka-client/%s" .certificateKey | quote }}
- name: SPRING_SSL_BUNDLE_PEM_KAFKA_KEYSTORE_PRIVATEKEY
  value: {{ printf "file:/etc/order-saga/kafka-client/%s" .privateKeyKey | quote }}
{{- end }}
{{- end }}
{{- with .Values.security }}
{{- with .oidc.issuerUri }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI
  value: {{ . | quote }}
{{- end }}
{{- with .oidc.jwkSetUri }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI
  value: {{ . | quote }}
{{- end }}
{{- if or .oidc.issuerUri .oidc.jwkSetUri }}
- name: SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES
  value: {{ required "security.oidc.audiences is required with issuerUri or jwkSetUri" .oidc.audiences | quote }}
{{- end }}
- name: ORDER_SAGA_SECURITY_AUTHORITIES_CLAIM
  value: {{ .oidc.authoritiesClaim | quote }}
- name: ORDER_SAGA_SECURITY_MAX_REQUEST_BODY
  value: {{ .maxRequestBody | quote }}
{{- end }}
- name: SERVER_PORT
  value: {{ .Values.serverPort | quote }}
- name: MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED
  value: "true"
{{- with .Values.javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/* Environment of the saga application. */}}
{{- define "order-saga.appEnv" -}}
- name: ORDER_SAGA_SAGA_ENABLED
  value: "true"
- name: ORDER_SAGA_PARTICIPANTS_ENABLED
  value: "false"
- name: CAMUNDA_CLIENT_ENABLED
  value: "true"
- name: CAMUNDA_CLIENT_MODE
  value: {{ .Values.camunda.mode | quote }}
{{- if eq .Values.camunda.mode "saas" }}
- name: CAMUNDA_CLIENT_CLOUD_CLUSTERID
  value: {{ required "camunda.saas.clusterId is required in saas mode" .Values.camunda.saas.clusterId | quote }}
- name: CAMUNDA_CLIENT_CLOUD_REGION
  value: {{ required "camunda.saas.region is required in saas mode" .Values.camunda.saas.region | quote }}
{{- else }}
- name: CAMUNDA_CLIENT_GRPC_ADDRESS
  value: {{ .Values.camunda.grpcAddress | quote }}
- name: CAMUNDA_CLIENT_REST_ADDRESS
  value: {{ .Values.camunda.restAddress | quote }}
{{- end }}
- name: CAMUNDA_CLIENT_PREFER_REST_OVER_GRPC
  value: {{ .Values.camunda.preferRestOverGrpc | quote }}
- name: SPRING_ELASTICSEARCH_URIS
  value: {{ .Values.elasticsearch.uris | quote }}
{{- with .Values.elasticsearch.credentials }}
{{- if and .existingSecret (eq .method "apiKey") }}
- name: ORDER_SAGA_ELASTICSEARCH_API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .apiKeyKey | quote }}
{{- else if .existingSecret }}
- name: SPRING_ELASTICSEARCH_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .usernameKey | quote }}
- name: SPRING_ELASTICSEARCH_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .passwordKey | quote }}
{{- end }}
{{- end }}
{{- with .Values.elasticsearch.tls.caSecret }}
- name: SPRING_ELASTICSEARCH_RESTCLIENT_SSL_BUNDLE
  value: elasticsearch
- name: SPRING_SSL_BUNDLE_PEM_ELASTICSEARCH_TRUSTSTORE_CERTIFICATE
  value: {{ printf "file:/etc/order-saga/elasticsearch-ca/%s" $.Values.elasticsearch.tls.caKey | quote }}
{{- end }}
{{- with .Values.camunda.auth }}
{{- $method := eq $.Values.camunda.mode "saas" | ternary "oidc" .method }}
{{- if ne $method "none" }}
- name: CAMUNDA_CLIENT_AUTH_METHOD
  value: {{ $method | quote }}
{{- end }}
{{- if eq .method "basic" }}
- name: CAMUNDA_CLIENT_AUTH_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ required "camunda.auth.existingSecret is required for basic authentication" .existingSecret | quote }}
      key: {{ .usernameKey | quote }}
- name: CAMUNDA_CLIENT_AUTH_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .passwordKey | quote }}
{{- else if eq $method "oidc" }}
{{- if ne $.Values.camunda.mode "saas" }}
- name: CAMUNDA_CLIENT_AUTH_TOKENURL
  value: {{ required "camunda.auth.tokenUrl is required for oidc" .tokenUrl | quote }}
{{- end }}
{{- with .audience }}
- name: CAMUNDA_CLIENT_AUTH_AUDIENCE
  value: {{ . | quote }}
{{- end }}
{{- with .scope }}
- name: CAMUNDA_CLIENT_AUTH_SCOPE
  value: {{ . | quote }}
{{- end }}
- name: CAMUNDA_CLIENT_AUTH_CLIENTID
  valueFrom:
    secretKeyRef:
      name: {{ required "camunda.auth.existingSecret is required for oidc" .existingSecret | quote }}
      key: {{ .clientIdKey | quote }}
- name: CAMUNDA_CLIENT_AUTH_CLIENTSECRET
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret | quote }}
      key: {{ .clientSecretKey | quote }}
{{- end }}
{{- end }}
{{- with .Values.camunda.operateUrl }}
- name: ORDER_SAGA_OPERATE_URL
  value: {{ . | quote }}
{{- end }}
{{ include "order-saga.commonEnv" . }}
{{- with .Values.app.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Environment of the reference participants: Kafka only. */}}
{{- define "order-saga.participantsEnv" -}}
- name: ORDER_SAGA_SAGA_ENABLED
  value: "false"
- name: ORDER_SAGA_PARTICIPANTS_ENABLED
  value: "true"
- name: ORDER_SAGA_PARTICIPANTS_ADMIN_ENABLED
  value: {{ .Values.participants.adminEndpoints | quote }}
- name: CAMUNDA_CLIENT_ENABLED
  value: "false"
{{- with .Values.participants.database }}
- name: SPRING_DATASOURCE_URL
  value: {{ required "participants.database.url: the reference participants need a PostgreSQL database" .url | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ .username | quote }}
{{- if .existingSecret }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .existingSecret }}
      key: {{ .passwordKey }}
{{- end }}
{{- end }}
{{ include "order-saga.commonEnv" . }}
{{- with .Values.participants.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
A Deployment of the order-saga image.
Parameters: root (the chart context), name, component, spec (app or participants values), env (rendered
EnvVar list).
*/}}
{{- define "order-saga.deployment" -}}
{{- $root := .root }}
{{- $values := $root.Values }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  labels:
    {{- include "order-saga.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  replicas: {{ .spec.replicas }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "order-saga.selectorLabels" $root | nindent 6 }}
      app.kubernetes.io/component: {{ .component }}
  template:
    metadata:
      labels:
        {{- include "order-saga.labels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .component }}
        {{- with $values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $values.podAnnotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      serviceAccountName: {{ include "order-saga.serviceAccountName" $root }}
      automountServiceAccountToken: {{ $values.serviceAccount.automountToken }}
      {{- with $values.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ kindIs "string" . | ternary . .name }}
        {{- end }}
      {{- end }}
      {{- with $values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      # Lets in-flight requests and Kafka/Zeebe clients finish (Spring Boot shuts down gracefully).
      terminationGracePeriodSeconds: 45
      containers:
        - name: {{ .component }}
          image: {{ include "order-saga.image" $root | quote }}
          imagePullPolicy: {{ $values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $values.serverPort }}
              protocol: TCP
          env:
            {{- .env | nindent 12 }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $values.probes.startup.periodSeconds }}
            timeoutSeconds: {{ $values.probes.startup.timeoutSeconds }}
            failureThreshold: {{ $values.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $values.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $values.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $values.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
            periodSeconds: {{ $values.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $values.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $values.probes.readiness.failureThreshold }}
          {{- with .spec.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- with $values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- $secretVolumes := include "order-saga.secretVolumes" (dict "root" $root "component" .component) | fromYamlArray }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- range $secretVolumes }}
            - name: {{ .name }}
              mountPath: {{ .path }}
              readOnly: true
            {{- end }}
      volumes:
        # Writable scratch space (Tomcat, JVM) under a read-only root file system.
        - name: tmp
          emptyDir: {}
        {{- range $secretVolumes }}
        - name: {{ .name }}
          secret:
            secretName: {{ .secret }}
            defaultMode: 0440
        {{- end }}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if and (eq .component "saga") $values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- range $values.topologySpreadConstraints }}
        - {{ toYaml . | nindent 10 | trim }}
          labelSelector:
            matchLabels:
              {{- include "order-saga.selectorLabels" $root | nindent 14 }}
              app.kubernetes.io/component: saga
        {{- end }}
      {{- end }}
{{- end }}

{{/* A PodDisruptionBudget. Parameters: root, name, component, pdb. */}}
{{- define "order-saga.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ .name }}
  labels:
    {{- include "order-saga.labels" .root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  {{- if not (kindIs "invalid" .pdb.minAvailable) }}
  minAvailable: {{ .pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ kindIs "invalid" .pdb.maxUnavailable | ternary 1 .pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "order-saga.selectorLabels" .root | nindent 6 }}
      app.kubernetes.io/component: {{ .component }}
{{- end }}
