{{/*
Names, labels and the shared bodies of the per-component resources.

Component helpers take (dict "root" $ "component" "<name>") and read that component's values
as $c := index .root.Values (include "ats.valuesKey" .), so every key they use must exist under
each component that calls them (tests/deploy/test_helm_chart.py checks this).

The parser runs twice: component "parser" (text lane, values under parser) and component
"parser-ocr" (OCR lane, values under parserOcr), both the parser image and Python service.
*/}}

{{/* Key of a component's values: the component name, except parser-ocr -> parserOcr. */}}
{{- define "ats.valuesKey" -}}
{{- get (dict "parser-ocr" "parserOcr") .component | default .component }}
{{- end }}

{{/* Python service (ats_backend.<service>) and image name of a component: the component
name, except parser-ocr, which is the parser consuming another lane. */}}
{{- define "ats.pythonService" -}}
{{- get (dict "parser-ocr" "parser") .component | default .component }}
{{- end }}

{{/* Components that call a component's gRPC port, comma-separated; empty for none. The
parser's two lanes fetch document bytes from ingest and ask tenants whether a job's client is
active; nothing calls the OCR lane. */}}
{{- define "ats.grpcCallers" -}}
{{- get (dict "tenants" "gateway,parser,parser-ocr" "ingest" "gateway,parser,parser-ocr" "candidates" "gateway" "parser" "gateway") .component }}
{{- end }}

{{/* Chart name, overridable with nameOverride. */}}
{{- define "ats.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every resource name: fullnameOverride, or the release name (plus the chart name
when the release name does not contain it). Truncated so that "-candidates" still fits. */}}
{{- define "ats.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart label value: name-version. */}}
{{- define "ats.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels shared by all components (immutable: never add version here). */}}
{{- define "ats.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ats.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Standard labels for chart-wide resources. */}}
{{- define "ats.labels" -}}
helm.sh/chart: {{ include "ats.chart" . }}
{{ include "ats.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ats
{{- end }}

{{/* Selector labels of one component. Takes (dict "root" $ "component" "gateway"). */}}
{{- define "ats.componentSelectorLabels" -}}
{{ include "ats.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Standard labels of one component's resources. Takes (dict "root" $ "component" "gateway"). */}}
{{- define "ats.componentLabels" -}}
{{ include "ats.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Resource name of one component, e.g. ats-gateway. */}}
{{- define "ats.componentName" -}}
{{- printf "%s-%s" (include "ats.fullname" .root) .component }}
{{- end }}

{{/* Image reference of one component. */}}
{{- define "ats.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry (include "ats.pythonService" .) (.root.Values.image.tag | default .root.Chart.AppVersion) }}
{{- end }}

{{- define "ats.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ats.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "ats.configMapName" -}}
{{- printf "%s-config" (include "ats.fullname" .) }}
{{- end }}

{{/* Pod-spec fields shared by every ATS pod: scheduling, pull secrets, security context. */}}
{{- define "ats.podCommon" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Soft spread of one component's pods across nodes. */}}
{{- define "ats.spread" -}}
{{- if .root.Values.spreadAcrossNodes -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "ats.componentSelectorLabels" . | nindent 8 }}
{{- end }}
{{- end }}

{{/* Pod annotations: a checksum of the ConfigMap (so a settings change rolls the pods), the
Prometheus scrape hints, and podAnnotations. Takes (dict "root" $ "port" N "path" "/metrics"). */}}
{{- define "ats.podAnnotations" -}}
checksum/config: {{ include (print .root.Template.BasePath "/configmap.yaml") .root | sha256sum }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: {{ .path }}
{{- with .root.Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* env entry reading one key of a Secret. Takes (dict "env" "ATS_X" "secret" "name" "key" "k"). */}}
{{- define "ats.secretEnv" -}}
- name: {{ .env }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end }}

{{/* Deployment of a gRPC service (tenants, ingest, candidates, parser, parser-ocr). */}}
{{- define "ats.grpcDeployment" -}}
{{- $root := .root }}
{{- $c := index .root.Values (include "ats.valuesKey" .) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "ats.componentName" . }}
  labels:
    {{- include "ats.componentLabels" . | nindent 4 }}
spec:
  {{- if not (dig "autoscaling" "enabled" false $c) }}
  replicas: {{ $c.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "ats.componentSelectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "ats.componentLabels" . | nindent 8 }}
      annotations:
        {{- include "ats.podAnnotations" (dict "root" $root "port" $c.metricsPort "path" "/metrics") | nindent 8 }}
    spec:
      serviceAccountName: {{ include "ats.serviceAccountName" $root }}
      automountServiceAccountToken: false
      # On SIGTERM the server reports NOT_SERVING, then stops with a shorter grace period.
      terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds }}
      {{- include "ats.podCommon" $root | nindent 6 }}
      {{- include "ats.spread" . | nindent 6 }}
      containers:
        - name: {{ .component }}
          image: {{ include "ats.image" . }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: ["python", "-m", "ats_backend.{{ include "ats.pythonService" . }}", "serve"]
          ports:
            - name: grpc
              containerPort: {{ $c.grpcPort }}
              protocol: TCP
            - name: metrics
              containerPort: {{ $c.metricsPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "ats.configMapName" $root }}
          env:
            - name: ATS_GRPC_PORT
              value: {{ $c.grpcPort | quote }}
            - name: ATS_METRICS_PORT
              value: {{ $c.metricsPort | quote }}
            {{- /* Only the credentials each service reads (its settings class). */}}
            {{- if has .component (list "tenants" "ingest" "candidates") }}
            {{- include "ats.secretEnv" (dict "env" "ATS_DATABASE_URL" "secret" $root.Values.secrets.name "key" $root.Values.secrets.databaseUrlKey) | nindent 12 }}
            {{- end }}
            {{- if has .component (list "ingest" "candidates" "parser" "parser-ocr") }}
            {{- include "ats.secretEnv" (dict "env" "ATS_AMQP_URL" "secret" $root.Values.secrets.name "key" $root.Values.secrets.amqpUrlKey) | nindent 12 }}
            {{- end }}
            {{- /* The parser's lanes (text, ocr) and the OCR processes' sizing. */}}
            {{- with dig "lanes" "" $c }}
            - name: ATS_PARSER_LANES
              value: {{ . | quote }}
            {{- end }}
            {{- with dig "ocrConcurrency" 0 $c }}
            - name: ATS_OCR_CONCURRENCY
              value: {{ . | quote }}
            {{- end }}
            {{- with dig "ocrThreads" 0 $c }}
            - name: ATS_OCR_THREADS
              value: {{ . | quote }}
            {{- end }}
          # Readiness is the native gRPC probe (grpc.health.v1 is SERVING only while the
          # dependencies pass their checks). Startup and liveness only ask whether the process
          # accepts connections: a database outage must not restart every pod in a loop.
          startupProbe:
            tcpSocket:
              port: grpc
            periodSeconds: 2
            failureThreshold: {{ $c.startupFailureThreshold }}
          livenessProbe:
            tcpSocket:
              port: grpc
            periodSeconds: 10
            timeoutSeconds: 2
            failureThreshold: 3
          readinessProbe:
            grpc:
              port: {{ $c.grpcPort }}
              {{- with $root.Values.grpcHealthService }}
              service: {{ . | quote }}
              {{- end }}
            periodSeconds: 5
            timeoutSeconds: 2
            failureThreshold: 2
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $c.tmpSizeLimit }}
{{- end }}

{{/* ClusterIP Service of a gRPC service: gRPC for the other services (only when some component
calls it), metrics for Prometheus. */}}
{{- define "ats.grpcService" -}}
{{- $c := index .root.Values (include "ats.valuesKey" .) }}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "ats.componentName" . }}
  labels:
    {{- include "ats.componentLabels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "ats.componentSelectorLabels" . | nindent 4 }}
  ports:
    {{- if include "ats.grpcCallers" . }}
    - name: grpc
      port: {{ $c.grpcPort }}
      targetPort: grpc
      protocol: TCP
      appProtocol: grpc
    {{- end }}
    - name: metrics
      port: {{ $c.metricsPort }}
      targetPort: metrics
      protocol: TCP
{{- end }}

{{/* PodDisruptionBudget of one component. */}}
{{- define "ats.pdb" -}}
{{- $c := index .root.Values (include "ats.valuesKey" .) }}
{{- if $c.pdb.enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "ats.componentName" . }}
  labels:
    {{- include "ats.componentLabels" . | nindent 4 }}
spec:
  maxUnavailable: {{ $c.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "ats.componentSelectorLabels" . | nindent 6 }}
{{- end }}
{{- end }}

{{/* CPU HorizontalPodAutoscaler of one component (gateway, parser, parser-ocr). */}}
{{- define "ats.hpa" -}}
{{- $c := index .root.Values (include "ats.valuesKey" .) }}
{{- if $c.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "ats.componentName" . }}
  labels:
    {{- include "ats.componentLabels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "ats.componentName" . }}
  minReplicas: {{ $c.autoscaling.minReplicas }}
  maxReplicas: {{ $c.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $c.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      # Slow scale-down: a pod taken away mid-request or mid-parse costs a retry.
      stabilizationWindowSeconds: 300
      policies:
        - type: Pods
          value: 1
          periodSeconds: 60
{{- end }}
{{- end }}

{{/* One migration container: python -m ats_backend.<component> migrate, as the DB owner. */}}
{{- define "ats.migrateContainer" -}}
{{- $root := .root }}
- name: migrate-{{ .component }}
  image: {{ include "ats.image" . }}
  imagePullPolicy: {{ $root.Values.image.pullPolicy }}
  command: ["python", "-m", "ats_backend.{{ .component }}", "migrate"]
  env:
    # Set inline, not from the chart's ConfigMap: on a first install this hook runs before
    # any other resource of the release exists.
    - name: ATS_LOG_LEVEL
      value: {{ $root.Values.config.logLevel | quote }}
    {{- include "ats.secretEnv" (dict "env" "ATS_MIGRATION_DATABASE_URL" "secret" $root.Values.secrets.migrationName "key" $root.Values.secrets.migrationDatabaseUrlKey) | nindent 4 }}
    # The role the services log in as; migrations GRANT table privileges to it.
    - name: ATS_APP_ROLE
      value: {{ $root.Values.migrations.appRole | quote }}
  resources:
    {{- toYaml $root.Values.migrations.resources | nindent 4 }}
  securityContext:
    {{- toYaml $root.Values.containerSecurityContext | nindent 4 }}
  volumeMounts:
    - name: tmp
      mountPath: /tmp
{{- end }}

{{/* Ingress rule admitting Prometheus (networkPolicy.prometheus*Selector) to one metrics port.
Takes (dict "root" $ "port" N). */}}
{{- define "ats.prometheusIngressRule" -}}
- from:
    - namespaceSelector:
        {{- toYaml .root.Values.networkPolicy.prometheusNamespaceSelector | nindent 8 }}
      podSelector:
        {{- toYaml .root.Values.networkPolicy.prometheusPodSelector | nindent 8 }}
  ports:
    - protocol: TCP
      port: {{ .port }}
{{- end }}

{{/* NetworkPolicy of a gRPC service: its gRPC port only from the components that call it
(ats.grpcCallers: pods of this release in the release namespace; no rule when nobody calls it),
its metrics port only from Prometheus, plus networkPolicy.extraIngress.<values key>. Everything
else falls under the default deny. */}}
{{- define "ats.grpcNetworkPolicy" -}}
{{- $root := .root }}
{{- $c := index .root.Values (include "ats.valuesKey" .) }}
{{- $callers := include "ats.grpcCallers" . }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "ats.componentName" . }}
  labels:
    {{- include "ats.componentLabels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "ats.componentSelectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
  ingress:
    {{- if $callers }}
    # gRPC: a podSelector without a namespaceSelector only matches this namespace.
    - from:
        {{- range $caller := splitList "," $callers }}
        - podSelector:
            matchLabels:
              {{- include "ats.componentSelectorLabels" (dict "root" $root "component" $caller) | nindent 14 }}
        {{- end }}
      ports:
        - protocol: TCP
          port: {{ $c.grpcPort }}
    {{- end }}
    {{- include "ats.prometheusIngressRule" (dict "root" $root "port" $c.metricsPort) | nindent 4 }}
    {{- with get $root.Values.networkPolicy.extraIngress (include "ats.valuesKey" .) }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end }}
