using Platform.Relay;
using Platform.ServiceDefaults;

// The relay as its own process: configuration from appsettings.json, environment variables
// (Relay__ConnectionString, Relay__BootstrapServers, ...) and the command line. A bad setting
// stops it with a message naming the setting and exit code 2; a fatal relay error with exit
// code 1. Health: /health/live and /health/ready (database, Kafka, slot) on --urls (default
// http://127.0.0.1:8084).
return await ServiceProcess.RunAsync(args, "relay", 8084, (services, configuration) => services.AddOutboxRelay(configuration),
    kafka: Platform.Kafka.KafkaSettingKeys.Relay, invalidSettingsExitCode: 2);
