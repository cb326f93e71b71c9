# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_livedbctl_global_optspecs
    string join \n profile= config= o/output= yes q/quiet v/verbose no-progress h/help V/version
end

function __fish_livedbctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_livedbctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_livedbctl_using_subcommand
    set -l cmd (__fish_livedbctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c livedbctl -n "__fish_livedbctl_needs_command" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_needs_command" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_needs_command" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "infra" -d 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "profile" -d 'List, show, select and create connection profiles'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "db" -d 'Database work: schema migrations and status, replication readiness for CDC'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "seed" -d 'Insert seed rows into PostgreSQL (the seed\'s db-burst-writer)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "produce" -d 'Publish to Kafka: new PostgreSQL rows (`poll`, the seed\'s producer) or JSON lines (`send`)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "demo" -d 'Run the whole pipeline for a newcomer: stack up, rows in, events out, then a verify of them'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "connector" -d 'Change data capture: the built-in engine and its connectors'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "redis" -d 'Inspect the profile\'s Redis (`redis dump`)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "topic" -d 'Create, list, describe, alter and delete Kafka topics'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "consume" -d 'Read topics: `tail` prints records; `sink`, `aggregate`, `route` run the downstream consumers'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "group" -d 'Kafka consumer groups: list, describe (lag per partition), seek, delete'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "dashboard" -d 'Serve a live web page of the pipeline (flow, charts, events, results) with /metrics'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "top" -d 'Watch the pipeline in the terminal, refreshed every second'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "verify" -d 'Reconcile rows, topic, sinks and dead letters up to a cut; ranges of ids missing, duplicated or different'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "trace" -d 'Where one row went: row, event, each group\'s position, what it became downstream'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "check" -d 'Judge the alert rules once: exit 1 when any fires, 0 when none (cron, CI, probes)'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "stream" -d 'Stream jobs: windowed aggregations, checked, tried on files, and run on Apache Flink'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c livedbctl -n "__fish_livedbctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "up" -d 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "down" -d 'Stop what `infra up` started (never a service it merely reused)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "status" -d 'Show each service: state, address, version, pid, who started it'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "logs" -d 'Print a service\'s log'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and not __fish_seen_subcommand_from up down status logs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l only -d 'Only these services (comma-separated)' -r -f -a "postgres\t''
kafka\t''
redis\t''
flink\t'A local Apache Flink cluster, for `stream submit` (only when listed)'
connect\t'A local Kafka Connect worker, for `connector ... --remote` (only when listed)'"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l no-topics -d 'Do not create the profile\'s topics'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l no-migrate -d 'Do not apply the SQL schema'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from up" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l only -d 'Only these services (comma-separated)' -r -f -a "postgres\t''
kafka\t''
redis\t''
flink\t'A local Apache Flink cluster, for `stream submit` (only when listed)'
connect\t'A local Kafka Connect worker, for `connector ... --remote` (only when listed)'"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l purge -d 'Also delete their data directories (asks first; --yes skips the question)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l only -d 'Only these services (comma-separated)' -r -f -a "postgres\t''
kafka\t''
redis\t''
flink\t'A local Apache Flink cluster, for `stream submit` (only when listed)'
connect\t'A local Kafka Connect worker, for `connector ... --remote` (only when listed)'"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l check -d 'Exit 1 unless every selected service answers (for scripts and health checks)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s n -l lines -d 'Only the last N lines' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing as the log grows (Ctrl-C ends)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop what `infra up` started (never a service it merely reused)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show each service: state, address, version, pid, who started it'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Print a service\'s log'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand infra; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "list" -d 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "show" -d 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "use" -d 'Make NAME the default profile for this user'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "init" -d 'Write a commented profile template'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and not __fish_seen_subcommand_from list show use init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l user -d 'Write to ~/.config/livedbctl/profiles instead of ./profiles'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l force -d 'Overwrite an existing file'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make NAME the default profile for this user'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented profile template'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -f -a "migrate" -d 'Apply the versioned SQL schema (idempotent, each migration in a transaction)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -f -a "status" -d 'Show applied and pending migrations, row counts, the producer\'s offset and lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -f -a "replication" -d 'Check or prepare the database for change data capture'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and not __fish_seen_subcommand_from migrate status replication help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -f -a "check" -d 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -f -a "setup" -d 'Create the replication role, grants, publication and replica identity (after confirmation)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from replication" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Apply the versioned SQL schema (idempotent, each migration in a transaction)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show applied and pending migrations, row counts, the producer\'s offset and lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "replication" -d 'Check or prepare the database for change data capture'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -f -a "burst" -d 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and not __fish_seen_subcommand_from burst help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l file -d 'Seed file: .csv with a header `org,amount,region`, or .json (an array of objects). Default: seed/livedb_seed.csv if present, else the copy built into livedbctl' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l rows -d 'Rows per burst' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l every -d 'Time between bursts' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l count -d 'Stop after inserting N rows' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l rate -d 'Load mode: rows per second through COPY, or `max`' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l batch -d 'Load mode: rows per COPY (each COPY is one transaction)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l once -d 'Insert one burst and exit'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from burst" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from help" -f -a "burst" -d 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand seed; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -f -a "poll" -d 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -f -a "send" -d 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and not __fish_seen_subcommand_from poll send help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l batch-size -d 'Rows per batch (one database read, one wait for Kafka\'s acknowledgements, one offset update), fixed. [default: adaptive, 1000 rows doubling up to 10000 while a backlog lasts, back to 1000 once caught up]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l interval -d 'How long to wait when no rows are pending' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l from-id -d 'With --replay: publish again from this id on' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l since -d 'With --replay: publish again the rows created at or after this time (e.g. 2026-11-22T04:00:00Z)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l once -d 'Publish everything pending, then exit'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l replay -d 'Rewind the offset (after confirmation) and publish the rows again; needs --from-id or --since'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from poll" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s f -l file -d 'Read lines from this file instead of stdin (\'-\' is stdin)' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -l format -d 'What a line is: json (checked; `null` is a tombstone) or raw (its bytes, unchecked)' -r -f -a "json\t''
raw\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -l key -d 'The same key for every message' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s k -l key-field -d 'Use this field\'s value as the message key (dotted path, e.g. customer.id)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s H -l header -d 'Add a header to every message (repeatable): -H trace=abc' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -l header-field -d 'Take headers from this JSON object field\'s members (dotted path); strings as they are, other values as JSON text, null as a null header' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s p -l partition -d 'Send every message to this partition (default: by key, or the dump\'s partition)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s r -l rate -d 'Messages per second (default: as fast as the broker accepts them)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -l from-tail-json -d 'Each line is a `consume tail -o json` record: copy its key, value, headers, partition and timestamp exactly'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from help" -f -a "poll" -d 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from help" -f -a "send" -d 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand produce; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l duration -d 'How long to write rows (e.g. 30s, 2m), from the first write; then it drains and checks. Without it, until Ctrl-C' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l rate -d 'Rows per second written to PostgreSQL' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l file -d 'Seed file (default: seed/livedb_seed.csv, or the copy built into livedbctl)' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l batch-size -d 'Producer batch size, fixed [default: adaptive, as `produce poll`]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l job -d 'The stream job to run instead (implies --stream)' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l no-up -d 'Use the services as they are: do not start anything'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l stream -d 'Also run the revenue-by-region stream job and show its results'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand demo" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "start" -d 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "list" -d 'List connectors with state, slot position and lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "status" -d 'Show one connector: state, tables, topics, slot, lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "stop" -d 'Ask a running engine to stop (after acknowledging what is in flight)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "delete" -d 'Delete a connector: drop its slot (and the publication it created)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "apply" -d 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "restart" -d 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "pause" -d 'Pause a Kafka Connect connector (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "resume" -d 'Resume a paused Kafka Connect connector (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "offsets" -d 'Show a connector\'s position (Connect\'s offsets shape); move a stopped remote one'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "graduate" -d 'Move a connector between the built-in engine and Kafka Connect without loss'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and not __fish_seen_subcommand_from start list status stop delete apply restart pause resume offsets graduate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l table -d 'Table to capture as schema.table (repeatable); defaults to the connector\'s stored tables' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l topic-prefix -d 'Topic prefix: events go to <prefix>.<schema>.<table> (Debezium\'s topic.prefix) [default: db]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l slot -d 'Replication slot name (default: the connector name, made a valid slot name)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l publication -d 'Publication name (default: <slot>_pub); reused when it exists' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l snapshot -d 'When to emit existing rows as `r` events [default: the stored mode, else initial]' -r -f -a "initial\t'Snapshot existing rows once (first start), then stream'
never\t'Never snapshot; stream changes from the slot\'s position'
always\t'Snapshot on every start, then stream'
initial-only\t'Snapshot once and exit without streaming'"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l decimal-handling -d 'How numeric/decimal and money columns are written (Debezium\'s decimal.handling.mode) [default: the stored mode, else precise]' -r -f -a "precise\t'numeric as Connect\'s Decimal: base64 of the unscaled value, scale in the schema (Debezium\'s default)'
string\t'numeric as a JSON string, exact ("1234.50")'
double\t'numeric as a JSON number (may lose precision)'"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l skipped-operations -d 'Change kinds not to emit, comma-separated c,u,d,t or `none` (Debezium\'s skipped.operations) [default: the stored list, else t]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l heartbeat-interval -d 'Publish a heartbeat to __debezium-heartbeat.<prefix> this often (Debezium\'s heartbeat.interval.ms) [default: off]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l heartbeat-action-query -d 'SQL run on each heartbeat, e.g. an INSERT into a published table so the slot of a quiet database advances (Debezium\'s heartbeat.action.query)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l xmin-fetch-interval -d 'Read the slot\'s catalog_xmin this often for source.xmin (Debezium\'s xmin.fetch.interval.ms) [default: off, xmin is null]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l batch-changes -d 'Ignored: the slot is streamed, not polled (kept so scripts that pass it still run)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l poll-interval -d 'Ignored: the slot is streamed, not polled (kept so scripts that pass it still run)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l stats-interval -d 'How often the status line / JSON stats are refreshed' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l partitions -d 'Partitions of topics created by the connector' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l replication-factor -d 'Replication factor of topics created by the connector' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l database-hostname -d 'Remote: the database host as the Kafka Connect workers reach it [default: the profile\'s]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l timeout -d 'Remote: how long to wait until the connector and all tasks are RUNNING' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l no-tombstones -d 'Do not follow deletes with a tombstone (Debezium\'s tombstones.on.delete=false)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l schemas-enable -d 'Wrap keys and values as {"schema": ..., "payload": ...} (Connect\'s schemas.enable=true)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l transaction-metadata -d 'Write BEGIN/END records to <prefix>.transaction and fill each event\'s `transaction` block (Debezium\'s provide.transaction.metadata)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l extended-headers -d 'Put Debezium\'s __debezium.context.* headers (logical name, task id, connector, run id) on every change record (Debezium\'s extended.headers.enabled; off by default, see docs/connector.md)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l until-idle -d 'Exit once everything available has been delivered (for scripts and backfills)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l remote -d 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l builtin -d 'Use the built-in engine even when the profile names a Kafka Connect URL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -l lag-warn-bytes -d 'Warn when a slot\'s lag exceeds this many bytes' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -l remote -d 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -l builtin -d 'Use the built-in engine even when the profile names a Kafka Connect URL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -l lag-warn-bytes -d 'Warn when the slot\'s lag exceeds this many bytes' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -l remote -d 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -l builtin -d 'Use the built-in engine even when the profile names a Kafka Connect URL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -l timeout -d 'How long to wait for the engine to exit' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -l remote -d 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -l builtin -d 'Use the built-in engine even when the profile names a Kafka Connect URL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -l keep-publication -d 'Keep the publication even when livedbctl created it'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -l remote -d 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -l builtin -d 'Use the built-in engine even when the profile names a Kafka Connect URL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -s f -l file -d 'Connector definition (JSON or YAML)' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -l name -d 'Connector name (overrides the file\'s)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -l timeout -d 'How long to wait for RUNNING' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -l no-wait -d 'Do not wait for RUNNING'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from apply" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -l timeout -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -l include-tasks -d 'Restart the tasks too'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -l only-failed -d 'Only what has FAILED'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -l wait -d 'After the restart, wait until the connector and all tasks are RUNNING'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -l timeout -d 'How long to wait until the connector and its tasks are PAUSED' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from pause" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -l timeout -d 'How long to wait until the connector and its tasks are RUNNING' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from resume" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -l set -d 'Resume streaming from this LSN (0/16B3748 or a number); the slot must still hold it' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -l reset -d 'Forget the offsets: started again, the connector begins as a new one (its snapshot mode decides)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -l remote -d 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -l builtin -d 'Use the built-in engine even when the profile names a Kafka Connect URL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from offsets" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -l to -d 'Where the connector goes' -r -f -a "remote\t'Debezium on Kafka Connect (the profile\'s connect.url)'
builtin\t'livedbctl\'s own engine'"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -l database-hostname -d '--to remote: the database host as the Kafka Connect workers reach it [default: the profile\'s]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -l timeout -d 'How long to wait for each engine to stop and start' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from graduate" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "start" -d 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "list" -d 'List connectors with state, slot position and lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show one connector: state, tables, topics, slot, lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Ask a running engine to stop (after acknowledging what is in flight)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a connector: drop its slot (and the publication it created)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "apply" -d 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause a Kafka Connect connector (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Resume a paused Kafka Connect connector (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "offsets" -d 'Show a connector\'s position (Connect\'s offsets shape); move a stopped remote one'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "graduate" -d 'Move a connector between the built-in engine and Kafka Connect without loss'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand connector; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -f -a "dump" -d 'Every key with its type, TTL and value (first N items per collection), without blocking the server'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and not __fish_seen_subcommand_from dump help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -s m -l match -d 'Only keys matching this glob pattern (SCAN MATCH), e.g. \'livedb:agg:*\'' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -s t -l type -d 'Only keys of these types (comma-separated): string, list, set, zset, hash, stream' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -s n -l limit -d 'Items shown per collection (0: all)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -l scan-count -d 'Keys examined per SCAN call (a hint to the server; larger is faster, smaller pauses it less)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from dump" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from help" -f -a "dump" -d 'Every key with its type, TTL and value (first N items per collection), without blocking the server'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand redis; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "create" -d 'Create a topic, or every topic the profile declares'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "list" -d 'List topics with partitions, replication and message counts'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "describe" -d 'Show a topic\'s partitions (leader, replicas, ISR, offsets) and configs'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "alter" -d 'Change a topic\'s configs incrementally (--set k=v, --delete k)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "delete" -d 'Delete topics (shows what will go and asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and not __fish_seen_subcommand_from create list describe alter delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -s p -l partitions -d 'Number of partitions [default: the profile\'s, else 1]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -s r -l replication-factor -d 'Replicas per partition [default: the profile\'s, else 1]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -s c -l topic-config -d 'Topic config key=value (repeatable), e.g. -c cleanup.policy=compact' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -l retention-ms -d 'Shorthand for -c retention.ms=MS' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -l retention-bytes -d 'Shorthand for -c retention.bytes=BYTES' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -l if-not-exists -d 'Succeed when the topic already exists'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -l dry-run -d 'Show what would be created without creating anything'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -s a -l all -d 'Include internal topics (names starting with `__`)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -l set -d 'Set a config key=value (repeatable), e.g. --set retention.ms=86400000' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -l delete -d 'Remove a config override so the default applies again (repeatable)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -l retention-ms -d 'Shorthand for --set retention.ms=MS' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -l retention-bytes -d 'Shorthand for --set retention.bytes=BYTES' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from alter" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a topic, or every topic the profile declares'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from help" -f -a "list" -d 'List topics with partitions, replication and message counts'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from help" -f -a "describe" -d 'Show a topic\'s partitions (leader, replicas, ISR, offsets) and configs'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from help" -f -a "alter" -d 'Change a topic\'s configs incrementally (--set k=v, --delete k)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete topics (shows what will go and asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand topic; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -f -a "tail" -d 'Print records of topics as they arrive (or a bounded range of them)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -f -a "sink" -d 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -f -a "aggregate" -d 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -f -a "route" -d 'Forward each event to a topic named from its fields, with a rule-based command side channel'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and not __fish_seen_subcommand_from tail sink aggregate route help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -l from -d 'Where to start (and stop): start|end|N|-N|+N|@TIME, or a range A:B with B exclusive. TIME: epoch milliseconds, RFC 3339, a date, or a duration back from now (@-10m). [default: end, or the group\'s committed offsets with --group]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s n -l count -d 'Stop after printing N records' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s p -l partition -d 'Only these partitions (repeatable or comma-separated)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s g -l group -d 'Join this consumer group and commit what was printed' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -l grep -d 'Only records whose key or value matches this regular expression' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s f -l format -d 'Line template: %t topic, %p partition, %o offset, %k key, %v value, %T timestamp (ms), %h headers, %% a percent sign; \\n and \\t are understood' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s r -l regex -d 'The topics are regular expressions, each matching whole topic names (-r \'db\\.public\\..*\'); while following, topics that come to match later are read too, from their start'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s e -l exit-at-end -d 'Stop at the end of each partition as it was when reading began'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -l pretty -d 'Pretty-print JSON values (human output)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s t -l table -d 'Table to write (schema.table or table); it must exist' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s m -l map -d 'Column from a JSON path, e.g. --map city=customer.address.city (repeatable)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s k -l upsert-key -d 'Upsert on these columns (comma-separated; a unique index must cover them) so replays do not duplicate rows' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s b -l batch-size -d 'Events per transaction, fixed [default: 500, growing up to 20000 while more events are already waiting (a backlog)]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s f -l flush-interval -d 'Write what is batched at least this often' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l dead-letter -d 'Send malformed events to this topic (created if missing), with dlq.* headers giving the reason' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l dead-letter-table -d 'Or write them to this table, in the batch\'s transaction [default: livedbctl_dead_letters]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s n -l max-events -d 'Stop after this many events (flushed and committed)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s g -l group -d 'Consumer group; copies run with the same group share the partitions' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l from -d 'Where a group without committed offsets starts' -r -f -a "earliest\t''
latest\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l session-timeout -d 'Seconds without a heartbeat before the broker gives this member\'s partitions to another' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l wait-for-kafka -d 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s e -l exit-at-end -d 'Stop once every assigned partition has been read to its end (and flushed)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from sink" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s k -l key-field -d 'Group by this field (dotted path); default: the message key' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s s -l sum -d 'Also sum this numeric field per window' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l max-events -d 'Events per key that fire the trigger within the window' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l max-time -d 'Window length from a key\'s first event (`90s`, `1h`; a bare number is seconds, as in the seed\'s API)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s x -l exec -d 'Command run (sh -c) when a window fires (this or --trigger-topic is required)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l trigger-topic -d 'Topic to publish fired windows to, created if missing (this or --exec is required)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l attempts -d 'Tries per trigger before it is reported failed (it stays pending)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l exec-timeout -d 'Longest a --exec command may run' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l prefix -d 'Redis key prefix' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s b -l batch-size -d 'Events per Redis round trip (one atomic script)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s f -l flush-interval -d 'Apply what is batched at least this often' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s n -l count -d 'Stop after this many events (applied and committed)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l dead-letter -d 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l max-event-bytes -d 'Events larger than this (key, value and headers) are set aside unread' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s g -l group -d 'Consumer group; copies run with the same group share the partitions' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l from -d 'Where a group without committed offsets starts' -r -f -a "earliest\t''
latest\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l session-timeout -d 'Seconds without a heartbeat before the broker gives this member\'s partitions to another' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l wait-for-kafka -d 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s e -l exit-at-end -d 'Stop once every assigned partition has been read to its end (and flushed)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from aggregate" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l by -d 'Field that picks the destination (dotted path), used by `{}` in --to' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l to -d 'Destination topic template [default: TOPIC.{}]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l partitions -d 'Partitions of topics created on the way' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l when -d 'Rule for the side channel: FIELD=VALUE or FIELD!=VALUE' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s x -l exec -d 'Command run for events matching --when (sh -c, the event on stdin)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l attempts -d 'Tries per side-channel command' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l exec-timeout -d 'Longest a side-channel command may run' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s b -l batch-size -d 'Events per batch (forwards awaited together, then offsets committed)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s f -l flush-interval -d 'Forward what is batched at least this often' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s n -l count -d 'Stop after this many events' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l dead-letter -d 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l max-event-bytes -d 'Events larger than this (key, value and headers) are set aside unread' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s g -l group -d 'Consumer group; copies run with the same group share the partitions' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l from -d 'Where a group without committed offsets starts' -r -f -a "earliest\t''
latest\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l session-timeout -d 'Seconds without a heartbeat before the broker gives this member\'s partitions to another' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l wait-for-kafka -d 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s e -l exit-at-end -d 'Stop once every assigned partition has been read to its end (and flushed)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from route" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from help" -f -a "tail" -d 'Print records of topics as they arrive (or a bounded range of them)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from help" -f -a "sink" -d 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from help" -f -a "aggregate" -d 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from help" -f -a "route" -d 'Forward each event to a topic named from its fields, with a rule-based command side channel'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand consume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -f -a "list" -d 'List consumer groups: state, members (where the broker tells), topics, total lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -f -a "describe" -d 'One group per partition: committed offset, high watermark, lag, time behind; its members'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -f -a "seek" -d 'Move a group\'s committed offsets (only while it has no active members; asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -f -a "delete" -d 'Delete a group and its committed offsets (asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and not __fish_seen_subcommand_from list describe seek delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -l to -d 'Where to: start | end | OFFSET | @TIME (epoch ms, RFC 3339, a date, or @-10m)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -l topic -d 'Only this topic (all its partitions); default: every partition the group committed on' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from seek" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "list" -d 'List consumer groups: state, members (where the broker tells), topics, total lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "describe" -d 'One group per partition: committed offset, high watermark, lag, time behind; its members'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "seek" -d 'Move a group\'s committed offsets (only while it has no active members; asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a group and its committed offsets (asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l listen -d 'Address to listen on; beyond loopback every request needs the token' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l token -d 'Token every request must carry [default: generated and printed once when --listen is not loopback]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l interval -d 'How often to sample (one set of queries for every viewer)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l feed-topic -d 'Topic the event feed follows first [default: the profile\'s kafka.topic]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l aggregate-prefix -d 'Redis prefix of `consume aggregate`\'s windows (its --prefix)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l results-table -d 'A stream job\'s PostgreSQL results table to show (window_start, window_end, groups, aggregates)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l alert -d 'An alert rule, e.g. \'lag > 10000 for 1m\' (repeatable; replaces the profile\'s `alerts:`)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l alert-exec -d 'Run this command (`sh -c`) on every alert change (fired, resolved), the event as JSON on stdin' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l alert-exec-timeout -d 'How long --alert-exec may run before it is stopped and reported failed' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l webhook -d 'POST every alert change as JSON to this URL (retried with backoff, 5 tries)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l open -d 'Open the page in the default browser'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand dashboard" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l interval -d 'How often to sample (one set of queries for every viewer)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l feed-topic -d 'Topic the event feed follows first [default: the profile\'s kafka.topic]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l aggregate-prefix -d 'Redis prefix of `consume aggregate`\'s windows (its --prefix)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l results-table -d 'A stream job\'s PostgreSQL results table to show (window_start, window_end, groups, aggregates)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l alert -d 'An alert rule, e.g. \'lag > 10000 for 1m\' (repeatable; replaces the profile\'s `alerts:`)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l alert-exec -d 'Run this command (`sh -c`) on every alert change (fired, resolved), the event as JSON on stdin' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l alert-exec-timeout -d 'How long --alert-exec may run before it is stopped and reported failed' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l webhook -d 'POST every alert change as JSON to this URL (retried with backoff, 5 tries)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand top" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l since -d 'Only rows created within this long before now (e.g. 15m, 2h)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l from-id -d 'First id to check' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l to-id -d 'Last id to check [default: the highest id when verify starts]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l sink -d 'A `consume sink` table holding the events (by its `id` column), repeatable; its group is `livedbctl-sink-TABLE`. Tables of such groups on the topic are found without it' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l topic -d 'A `connector` (CDC) topic to check instead, with --table: the table\'s rows against the latest change per primary key on it' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l table -d 'With --topic: the table it captures (`schema.table`; a primary key of one integer column)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l repair -d 'Republish the ids missing from the topic (as `produce poll --replay` does, without moving its offset), then verify again'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand verify" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l key -d 'Or a key of a CDC topic (`--topic PREFIX.SCHEMA.TABLE`): its value (`42`) for a one-column key, or the key as JSON (`{"id":42}`)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l topic -d 'The topic [default: the profile\'s kafka.topic, the producer\'s]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l scan-limit -d 'Records read at most from the row\'s partition (from its creation time, and where a replay broke the id order); with --key, the newest records read of each partition' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l job -d 'A stream job file: show the job\'s results for the event\'s window and group (repeatable)' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l all-copies -d 'Also read the rest of the row\'s partition for more copies of its event (a replay\'s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand trace" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l alert -d 'An alert rule, e.g. \'lag > 10000 for 1m\' (repeatable; replaces the profile\'s `alerts:`)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l over -d 'Sample this long before judging [default: the longest `for` among the rules; at least the stall window (10 s) with `consumer stalled`]. `--over 0s` judges the first full sample, where a `for` rule can only be pending' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l interval -d 'How often to sample (one set of queries for every viewer)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l feed-topic -d 'Topic the event feed follows first [default: the profile\'s kafka.topic]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l aggregate-prefix -d 'Redis prefix of `consume aggregate`\'s windows (its --prefix)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l results-table -d 'A stream job\'s PostgreSQL results table to show (window_start, window_end, groups, aggregates)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand check" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -f -a "plan" -d 'Check a job file and print the equivalent Flink SQL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -f -a "eval" -d 'Run a job\'s windows over a file of JSON events and print the results (no Kafka)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -f -a "run" -d 'Run a job in this process: a Kafka consumer group, results to the job\'s sinks'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -f -a "submit" -d 'Send a job\'s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -f -a "list" -d 'List the jobs on the Flink cluster'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -f -a "status" -d 'Show one Flink job: state, times, operators and their record counts'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -f -a "cancel" -d 'Cancel a Flink job, or stop it with a savepoint'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and not __fish_seen_subcommand_from plan eval run submit list status cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -l source-file -d 'Read the events from this file of JSON lines instead of Kafka (filesystem connector; a directory is watched for new files and the job keeps running)' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -l sink-dir -d 'Write every sink as JSON lines under this directory instead (filesystem connector)' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from plan" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -l events -d 'JSON lines, each one event as the source topic would carry it' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -l write -d 'Also write the results to the job\'s sinks (PostgreSQL, Kafka, Redis)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from eval" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s g -l group -d 'Consumer group [default: livedbctl-stream-<job name>]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -l from -d 'Where a run without a checkpoint starts [default: the job\'s source.from, else earliest]' -r -f -a "earliest\t''
latest\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s n -l max-events -d 'Stop after this many events (then flush)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s b -l batch-size -d 'Events per flush, fixed [default: 10000, growing up to 50000 while more events are already waiting (a backlog)]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s f -l flush-interval -d 'Flush at least this often (closes windows of quiet partitions, emits early results)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -l dead-letter -d 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -l max-event-bytes -d 'Events larger than this (key, value and headers) are set aside unread' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -l wait-for-kafka -d 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s e -l exit-at-end -d 'Stop once every partition has been read to its end (results due written, checkpoint saved; windows still open stay open for the next run)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -l source-file -d 'Read the events from this file (on the Flink machine) instead of Kafka; a directory is watched for new files and the job keeps running' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -l sink-dir -d 'Write every sink as JSON lines under this directory (on the Flink machine) instead' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -l runner-jar -d 'Use this SQL runner jar instead of building one' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -l timeout -d 'How long to wait for each statement (gateway) or the submission' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from submit" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -l savepoint -d 'Stop with a savepoint into this directory instead of cancelling' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -l timeout -d 'How long to wait for the job to stop' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "plan" -d 'Check a job file and print the equivalent Flink SQL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "eval" -d 'Run a job\'s windows over a file of JSON events and print the results (no Kafka)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a job in this process: a Kafka consumer group, results to the job\'s sinks'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "submit" -d 'Send a job\'s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the jobs on the Flink cluster'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show one Flink job: state, times, operators and their record counts'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a Flink job, or stop it with a savepoint'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand stream; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -l profile -d 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)' -r
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -l config -d 'Use this profile file instead of looking one up by name' -r -F
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s o -l output -d 'Output format: human tables or JSON (one document, or one object per line for streams)' -r -f -a "human\t''
json\t''"
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -l yes -d 'Answer yes to confirmations (required for destructive work without a terminal)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s v -l verbose -d 'Print more about what is being done (on stderr)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s h -l help -d 'Print help'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "infra" -d 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "profile" -d 'List, show, select and create connection profiles'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "db" -d 'Database work: schema migrations and status, replication readiness for CDC'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "seed" -d 'Insert seed rows into PostgreSQL (the seed\'s db-burst-writer)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "produce" -d 'Publish to Kafka: new PostgreSQL rows (`poll`, the seed\'s producer) or JSON lines (`send`)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "demo" -d 'Run the whole pipeline for a newcomer: stack up, rows in, events out, then a verify of them'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "connector" -d 'Change data capture: the built-in engine and its connectors'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "redis" -d 'Inspect the profile\'s Redis (`redis dump`)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "topic" -d 'Create, list, describe, alter and delete Kafka topics'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "consume" -d 'Read topics: `tail` prints records; `sink`, `aggregate`, `route` run the downstream consumers'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "group" -d 'Kafka consumer groups: list, describe (lag per partition), seek, delete'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "dashboard" -d 'Serve a live web page of the pipeline (flow, charts, events, results) with /metrics'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "top" -d 'Watch the pipeline in the terminal, refreshed every second'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "verify" -d 'Reconcile rows, topic, sinks and dead letters up to a cut; ranges of ids missing, duplicated or different'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "trace" -d 'Where one row went: row, event, each group\'s position, what it became downstream'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "check" -d 'Judge the alert rules once: exit 1 when any fires, 0 when none (cron, CI, probes)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "stream" -d 'Stream jobs: windowed aggregations, checked, tried on files, and run on Apache Flink'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and not __fish_seen_subcommand_from infra profile db seed produce demo connector redis topic consume group dashboard top verify trace check stream completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "up" -d 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "down" -d 'Stop what `infra up` started (never a service it merely reused)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "status" -d 'Show each service: state, address, version, pid, who started it'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from infra" -f -a "logs" -d 'Print a service\'s log'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list" -d 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show" -d 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "use" -d 'Make NAME the default profile for this user'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "init" -d 'Write a commented profile template'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "migrate" -d 'Apply the versioned SQL schema (idempotent, each migration in a transaction)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "status" -d 'Show applied and pending migrations, row counts, the producer\'s offset and lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "replication" -d 'Check or prepare the database for change data capture'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from seed" -f -a "burst" -d 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from produce" -f -a "poll" -d 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from produce" -f -a "send" -d 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "start" -d 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "list" -d 'List connectors with state, slot position and lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "status" -d 'Show one connector: state, tables, topics, slot, lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "stop" -d 'Ask a running engine to stop (after acknowledging what is in flight)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "delete" -d 'Delete a connector: drop its slot (and the publication it created)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "apply" -d 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "restart" -d 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "pause" -d 'Pause a Kafka Connect connector (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "resume" -d 'Resume a paused Kafka Connect connector (remote)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "offsets" -d 'Show a connector\'s position (Connect\'s offsets shape); move a stopped remote one'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from connector" -f -a "graduate" -d 'Move a connector between the built-in engine and Kafka Connect without loss'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from redis" -f -a "dump" -d 'Every key with its type, TTL and value (first N items per collection), without blocking the server'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from topic" -f -a "create" -d 'Create a topic, or every topic the profile declares'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from topic" -f -a "list" -d 'List topics with partitions, replication and message counts'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from topic" -f -a "describe" -d 'Show a topic\'s partitions (leader, replicas, ISR, offsets) and configs'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from topic" -f -a "alter" -d 'Change a topic\'s configs incrementally (--set k=v, --delete k)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from topic" -f -a "delete" -d 'Delete topics (shows what will go and asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from consume" -f -a "tail" -d 'Print records of topics as they arrive (or a bounded range of them)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from consume" -f -a "sink" -d 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from consume" -f -a "aggregate" -d 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from consume" -f -a "route" -d 'Forward each event to a topic named from its fields, with a rule-based command side channel'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "list" -d 'List consumer groups: state, members (where the broker tells), topics, total lag'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "describe" -d 'One group per partition: committed offset, high watermark, lag, time behind; its members'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "seek" -d 'Move a group\'s committed offsets (only while it has no active members; asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "delete" -d 'Delete a group and its committed offsets (asks first)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "plan" -d 'Check a job file and print the equivalent Flink SQL'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "eval" -d 'Run a job\'s windows over a file of JSON events and print the results (no Kafka)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "run" -d 'Run a job in this process: a Kafka consumer group, results to the job\'s sinks'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "submit" -d 'Send a job\'s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "list" -d 'List the jobs on the Flink cluster'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "status" -d 'Show one Flink job: state, times, operators and their record counts'
complete -c livedbctl -n "__fish_livedbctl_using_subcommand help; and __fish_seen_subcommand_from stream" -f -a "cancel" -d 'Cancel a Flink job, or stop it with a savepoint'
