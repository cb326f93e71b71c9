
use builtin;
use str;

set edit:completion:arg-completer[livedbctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'livedbctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'livedbctl'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand infra 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)'
            cand profile 'List, show, select and create connection profiles'
            cand db 'Database work: schema migrations and status, replication readiness for CDC'
            cand seed 'Insert seed rows into PostgreSQL (the seed''s db-burst-writer)'
            cand produce 'Publish to Kafka: new PostgreSQL rows (`poll`, the seed''s producer) or JSON lines (`send`)'
            cand demo 'Run the whole pipeline for a newcomer: stack up, rows in, events out, then a verify of them'
            cand connector 'Change data capture: the built-in engine and its connectors'
            cand redis 'Inspect the profile''s Redis (`redis dump`)'
            cand topic 'Create, list, describe, alter and delete Kafka topics'
            cand consume 'Read topics: `tail` prints records; `sink`, `aggregate`, `route` run the downstream consumers'
            cand group 'Kafka consumer groups: list, describe (lag per partition), seek, delete'
            cand dashboard 'Serve a live web page of the pipeline (flow, charts, events, results) with /metrics'
            cand top 'Watch the pipeline in the terminal, refreshed every second'
            cand verify 'Reconcile rows, topic, sinks and dead letters up to a cut; ranges of ids missing, duplicated or different'
            cand trace 'Where one row went: row, event, each group''s position, what it became downstream'
            cand check 'Judge the alert rules once: exit 1 when any fires, 0 when none (cron, CI, probes)'
            cand stream 'Stream jobs: windowed aggregations, checked, tried on files, and run on Apache Flink'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;infra'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand up 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema'
            cand down 'Stop what `infra up` started (never a service it merely reused)'
            cand status 'Show each service: state, address, version, pid, who started it'
            cand logs 'Print a service''s log'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;infra;up'= {
            cand --only 'Only these services (comma-separated)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --no-topics 'Do not create the profile''s topics'
            cand --no-migrate 'Do not apply the SQL schema'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;down'= {
            cand --only 'Only these services (comma-separated)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --purge 'Also delete their data directories (asks first; --yes skips the question)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;status'= {
            cand --only 'Only these services (comma-separated)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --check 'Exit 1 unless every selected service answers (for scripts and health checks)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;logs'= {
            cand -n 'Only the last N lines'
            cand --lines 'Only the last N lines'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand -f 'Keep printing as the log grows (Ctrl-C ends)'
            cand --follow 'Keep printing as the log grows (Ctrl-C ends)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;help'= {
            cand up 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema'
            cand down 'Stop what `infra up` started (never a service it merely reused)'
            cand status 'Show each service: state, address, version, pid, who started it'
            cand logs 'Print a service''s log'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;infra;help;up'= {
        }
        &'livedbctl;infra;help;down'= {
        }
        &'livedbctl;infra;help;status'= {
        }
        &'livedbctl;infra;help;logs'= {
        }
        &'livedbctl;infra;help;help'= {
        }
        &'livedbctl;profile'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
            cand show 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
            cand use 'Make NAME the default profile for this user'
            cand init 'Write a commented profile template'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;profile;list'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;profile;show'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;profile;use'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;profile;init'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --user 'Write to ~/.config/livedbctl/profiles instead of ./profiles'
            cand --force 'Overwrite an existing file'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;profile;help'= {
            cand list 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
            cand show 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
            cand use 'Make NAME the default profile for this user'
            cand init 'Write a commented profile template'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;profile;help;list'= {
        }
        &'livedbctl;profile;help;show'= {
        }
        &'livedbctl;profile;help;use'= {
        }
        &'livedbctl;profile;help;init'= {
        }
        &'livedbctl;profile;help;help'= {
        }
        &'livedbctl;db'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand migrate 'Apply the versioned SQL schema (idempotent, each migration in a transaction)'
            cand status 'Show applied and pending migrations, row counts, the producer''s offset and lag'
            cand replication 'Check or prepare the database for change data capture'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;db;migrate'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;db;status'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;db;replication'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure'
            cand setup 'Create the replication role, grants, publication and replica identity (after confirmation)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;db;replication;check'= {
            cand --table 'Tables to check as schema.table (repeatable); default: every table'
            cand --retained-warn-bytes 'Warn about inactive slots retaining more WAL than this many bytes'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;db;replication;setup'= {
            cand --table 'Table to capture as schema.table (repeatable)'
            cand --role 'Replication role to create (or alter)'
            cand --password-env 'Environment variable holding the role''s password (never taken from the command line)'
            cand --publication 'Publication to create or extend (Debezium''s default name)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --replica-identity-full 'Set REPLICA IDENTITY FULL on the tables (before-images of updates and deletes)'
            cand --dry-run 'Print the plan and change nothing'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;db;replication;help'= {
            cand check 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure'
            cand setup 'Create the replication role, grants, publication and replica identity (after confirmation)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;db;replication;help;check'= {
        }
        &'livedbctl;db;replication;help;setup'= {
        }
        &'livedbctl;db;replication;help;help'= {
        }
        &'livedbctl;db;help'= {
            cand migrate 'Apply the versioned SQL schema (idempotent, each migration in a transaction)'
            cand status 'Show applied and pending migrations, row counts, the producer''s offset and lag'
            cand replication 'Check or prepare the database for change data capture'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;db;help;migrate'= {
        }
        &'livedbctl;db;help;status'= {
        }
        &'livedbctl;db;help;replication'= {
            cand check 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure'
            cand setup 'Create the replication role, grants, publication and replica identity (after confirmation)'
        }
        &'livedbctl;db;help;replication;check'= {
        }
        &'livedbctl;db;help;replication;setup'= {
        }
        &'livedbctl;db;help;help'= {
        }
        &'livedbctl;seed'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand burst 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;seed;burst'= {
            cand --file 'Seed file: .csv with a header `org,amount,region`, or .json (an array of objects). Default: seed/livedb_seed.csv if present, else the copy built into livedbctl'
            cand --rows 'Rows per burst'
            cand --every 'Time between bursts'
            cand --count 'Stop after inserting N rows'
            cand --rate 'Load mode: rows per second through COPY, or `max`'
            cand --batch 'Load mode: rows per COPY (each COPY is one transaction)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --once 'Insert one burst and exit'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;seed;help'= {
            cand burst 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;seed;help;burst'= {
        }
        &'livedbctl;seed;help;help'= {
        }
        &'livedbctl;produce'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand poll 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets'
            cand send 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;produce;poll'= {
            cand --batch-size 'Rows per batch (one database read, one wait for Kafka''s acknowledgements, one offset update), fixed. [default: adaptive, 1000 rows doubling up to 10000 while a backlog lasts, back to 1000 once caught up]'
            cand --interval 'How long to wait when no rows are pending'
            cand --from-id 'With --replay: publish again from this id on'
            cand --since 'With --replay: publish again the rows created at or after this time (e.g. 2026-11-22T04:00:00Z)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --once 'Publish everything pending, then exit'
            cand --replay 'Rewind the offset (after confirmation) and publish the rows again; needs --from-id or --since'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;produce;send'= {
            cand -f 'Read lines from this file instead of stdin (''-'' is stdin)'
            cand --file 'Read lines from this file instead of stdin (''-'' is stdin)'
            cand --format 'What a line is: json (checked; `null` is a tombstone) or raw (its bytes, unchecked)'
            cand --key 'The same key for every message'
            cand -k 'Use this field''s value as the message key (dotted path, e.g. customer.id)'
            cand --key-field 'Use this field''s value as the message key (dotted path, e.g. customer.id)'
            cand -H 'Add a header to every message (repeatable): -H trace=abc'
            cand --header 'Add a header to every message (repeatable): -H trace=abc'
            cand --header-field 'Take headers from this JSON object field''s members (dotted path); strings as they are, other values as JSON text, null as a null header'
            cand -p 'Send every message to this partition (default: by key, or the dump''s partition)'
            cand --partition 'Send every message to this partition (default: by key, or the dump''s partition)'
            cand -r 'Messages per second (default: as fast as the broker accepts them)'
            cand --rate 'Messages per second (default: as fast as the broker accepts them)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --from-tail-json 'Each line is a `consume tail -o json` record: copy its key, value, headers, partition and timestamp exactly'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;produce;help'= {
            cand poll 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets'
            cand send 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;produce;help;poll'= {
        }
        &'livedbctl;produce;help;send'= {
        }
        &'livedbctl;produce;help;help'= {
        }
        &'livedbctl;demo'= {
            cand --duration 'How long to write rows (e.g. 30s, 2m), from the first write; then it drains and checks. Without it, until Ctrl-C'
            cand --rate 'Rows per second written to PostgreSQL'
            cand --file 'Seed file (default: seed/livedb_seed.csv, or the copy built into livedbctl)'
            cand --batch-size 'Producer batch size, fixed [default: adaptive, as `produce poll`]'
            cand --job 'The stream job to run instead (implies --stream)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --no-up 'Use the services as they are: do not start anything'
            cand --stream 'Also run the revenue-by-region stream job and show its results'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground'
            cand list 'List connectors with state, slot position and lag'
            cand status 'Show one connector: state, tables, topics, slot, lag'
            cand stop 'Ask a running engine to stop (after acknowledging what is in flight)'
            cand delete 'Delete a connector: drop its slot (and the publication it created)'
            cand apply 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)'
            cand restart 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)'
            cand pause 'Pause a Kafka Connect connector (remote)'
            cand resume 'Resume a paused Kafka Connect connector (remote)'
            cand offsets 'Show a connector''s position (Connect''s offsets shape); move a stopped remote one'
            cand graduate 'Move a connector between the built-in engine and Kafka Connect without loss'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;connector;start'= {
            cand --table 'Table to capture as schema.table (repeatable); defaults to the connector''s stored tables'
            cand --topic-prefix 'Topic prefix: events go to <prefix>.<schema>.<table> (Debezium''s topic.prefix) [default: db]'
            cand --slot 'Replication slot name (default: the connector name, made a valid slot name)'
            cand --publication 'Publication name (default: <slot>_pub); reused when it exists'
            cand --snapshot 'When to emit existing rows as `r` events [default: the stored mode, else initial]'
            cand --decimal-handling 'How numeric/decimal and money columns are written (Debezium''s decimal.handling.mode) [default: the stored mode, else precise]'
            cand --skipped-operations 'Change kinds not to emit, comma-separated c,u,d,t or `none` (Debezium''s skipped.operations) [default: the stored list, else t]'
            cand --heartbeat-interval 'Publish a heartbeat to __debezium-heartbeat.<prefix> this often (Debezium''s heartbeat.interval.ms) [default: off]'
            cand --heartbeat-action-query 'SQL run on each heartbeat, e.g. an INSERT into a published table so the slot of a quiet database advances (Debezium''s heartbeat.action.query)'
            cand --xmin-fetch-interval 'Read the slot''s catalog_xmin this often for source.xmin (Debezium''s xmin.fetch.interval.ms) [default: off, xmin is null]'
            cand --batch-changes 'Ignored: the slot is streamed, not polled (kept so scripts that pass it still run)'
            cand --poll-interval 'Ignored: the slot is streamed, not polled (kept so scripts that pass it still run)'
            cand --stats-interval 'How often the status line / JSON stats are refreshed'
            cand --partitions 'Partitions of topics created by the connector'
            cand --replication-factor 'Replication factor of topics created by the connector'
            cand --database-hostname 'Remote: the database host as the Kafka Connect workers reach it [default: the profile''s]'
            cand --timeout 'Remote: how long to wait until the connector and all tasks are RUNNING'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --no-tombstones 'Do not follow deletes with a tombstone (Debezium''s tombstones.on.delete=false)'
            cand --schemas-enable 'Wrap keys and values as {"schema": ..., "payload": ...} (Connect''s schemas.enable=true)'
            cand --transaction-metadata 'Write BEGIN/END records to <prefix>.transaction and fill each event''s `transaction` block (Debezium''s provide.transaction.metadata)'
            cand --extended-headers 'Put Debezium''s __debezium.context.* headers (logical name, task id, connector, run id) on every change record (Debezium''s extended.headers.enabled; off by default, see docs/connector.md)'
            cand --until-idle 'Exit once everything available has been delivered (for scripts and backfills)'
            cand --remote 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
            cand --builtin 'Use the built-in engine even when the profile names a Kafka Connect URL'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;list'= {
            cand --lag-warn-bytes 'Warn when a slot''s lag exceeds this many bytes'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --remote 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
            cand --builtin 'Use the built-in engine even when the profile names a Kafka Connect URL'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;status'= {
            cand --lag-warn-bytes 'Warn when the slot''s lag exceeds this many bytes'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --remote 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
            cand --builtin 'Use the built-in engine even when the profile names a Kafka Connect URL'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;stop'= {
            cand --timeout 'How long to wait for the engine to exit'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --remote 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
            cand --builtin 'Use the built-in engine even when the profile names a Kafka Connect URL'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;delete'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --keep-publication 'Keep the publication even when livedbctl created it'
            cand --remote 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
            cand --builtin 'Use the built-in engine even when the profile names a Kafka Connect URL'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;apply'= {
            cand -f 'Connector definition (JSON or YAML)'
            cand --file 'Connector definition (JSON or YAML)'
            cand --name 'Connector name (overrides the file''s)'
            cand --timeout 'How long to wait for RUNNING'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --no-wait 'Do not wait for RUNNING'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;restart'= {
            cand --timeout 'timeout'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --include-tasks 'Restart the tasks too'
            cand --only-failed 'Only what has FAILED'
            cand --wait 'After the restart, wait until the connector and all tasks are RUNNING'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;pause'= {
            cand --timeout 'How long to wait until the connector and its tasks are PAUSED'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;resume'= {
            cand --timeout 'How long to wait until the connector and its tasks are RUNNING'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;offsets'= {
            cand --set 'Resume streaming from this LSN (0/16B3748 or a number); the slot must still hold it'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --reset 'Forget the offsets: started again, the connector begins as a new one (its snapshot mode decides)'
            cand --remote 'Act on Kafka Connect (profile connect.url / CONNECT_URL) instead of the built-in engine'
            cand --builtin 'Use the built-in engine even when the profile names a Kafka Connect URL'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;graduate'= {
            cand --to 'Where the connector goes'
            cand --database-hostname '--to remote: the database host as the Kafka Connect workers reach it [default: the profile''s]'
            cand --timeout 'How long to wait for each engine to stop and start'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;connector;help'= {
            cand start 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground'
            cand list 'List connectors with state, slot position and lag'
            cand status 'Show one connector: state, tables, topics, slot, lag'
            cand stop 'Ask a running engine to stop (after acknowledging what is in flight)'
            cand delete 'Delete a connector: drop its slot (and the publication it created)'
            cand apply 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)'
            cand restart 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)'
            cand pause 'Pause a Kafka Connect connector (remote)'
            cand resume 'Resume a paused Kafka Connect connector (remote)'
            cand offsets 'Show a connector''s position (Connect''s offsets shape); move a stopped remote one'
            cand graduate 'Move a connector between the built-in engine and Kafka Connect without loss'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;connector;help;start'= {
        }
        &'livedbctl;connector;help;list'= {
        }
        &'livedbctl;connector;help;status'= {
        }
        &'livedbctl;connector;help;stop'= {
        }
        &'livedbctl;connector;help;delete'= {
        }
        &'livedbctl;connector;help;apply'= {
        }
        &'livedbctl;connector;help;restart'= {
        }
        &'livedbctl;connector;help;pause'= {
        }
        &'livedbctl;connector;help;resume'= {
        }
        &'livedbctl;connector;help;offsets'= {
        }
        &'livedbctl;connector;help;graduate'= {
        }
        &'livedbctl;connector;help;help'= {
        }
        &'livedbctl;redis'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand dump 'Every key with its type, TTL and value (first N items per collection), without blocking the server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;redis;dump'= {
            cand -m 'Only keys matching this glob pattern (SCAN MATCH), e.g. ''livedb:agg:*'''
            cand --match 'Only keys matching this glob pattern (SCAN MATCH), e.g. ''livedb:agg:*'''
            cand -t 'Only keys of these types (comma-separated): string, list, set, zset, hash, stream'
            cand --type 'Only keys of these types (comma-separated): string, list, set, zset, hash, stream'
            cand -n 'Items shown per collection (0: all)'
            cand --limit 'Items shown per collection (0: all)'
            cand --scan-count 'Keys examined per SCAN call (a hint to the server; larger is faster, smaller pauses it less)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;redis;help'= {
            cand dump 'Every key with its type, TTL and value (first N items per collection), without blocking the server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;redis;help;dump'= {
        }
        &'livedbctl;redis;help;help'= {
        }
        &'livedbctl;topic'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a topic, or every topic the profile declares'
            cand list 'List topics with partitions, replication and message counts'
            cand describe 'Show a topic''s partitions (leader, replicas, ISR, offsets) and configs'
            cand alter 'Change a topic''s configs incrementally (--set k=v, --delete k)'
            cand delete 'Delete topics (shows what will go and asks first)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;topic;create'= {
            cand -p 'Number of partitions [default: the profile''s, else 1]'
            cand --partitions 'Number of partitions [default: the profile''s, else 1]'
            cand -r 'Replicas per partition [default: the profile''s, else 1]'
            cand --replication-factor 'Replicas per partition [default: the profile''s, else 1]'
            cand -c 'Topic config key=value (repeatable), e.g. -c cleanup.policy=compact'
            cand --topic-config 'Topic config key=value (repeatable), e.g. -c cleanup.policy=compact'
            cand --retention-ms 'Shorthand for -c retention.ms=MS'
            cand --retention-bytes 'Shorthand for -c retention.bytes=BYTES'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --if-not-exists 'Succeed when the topic already exists'
            cand --dry-run 'Show what would be created without creating anything'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;topic;list'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand -a 'Include internal topics (names starting with `__`)'
            cand --all 'Include internal topics (names starting with `__`)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;topic;describe'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;topic;alter'= {
            cand --set 'Set a config key=value (repeatable), e.g. --set retention.ms=86400000'
            cand --delete 'Remove a config override so the default applies again (repeatable)'
            cand --retention-ms 'Shorthand for --set retention.ms=MS'
            cand --retention-bytes 'Shorthand for --set retention.bytes=BYTES'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;topic;delete'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;topic;help'= {
            cand create 'Create a topic, or every topic the profile declares'
            cand list 'List topics with partitions, replication and message counts'
            cand describe 'Show a topic''s partitions (leader, replicas, ISR, offsets) and configs'
            cand alter 'Change a topic''s configs incrementally (--set k=v, --delete k)'
            cand delete 'Delete topics (shows what will go and asks first)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;topic;help;create'= {
        }
        &'livedbctl;topic;help;list'= {
        }
        &'livedbctl;topic;help;describe'= {
        }
        &'livedbctl;topic;help;alter'= {
        }
        &'livedbctl;topic;help;delete'= {
        }
        &'livedbctl;topic;help;help'= {
        }
        &'livedbctl;consume'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand tail 'Print records of topics as they arrive (or a bounded range of them)'
            cand sink 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction'
            cand aggregate 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold'
            cand route 'Forward each event to a topic named from its fields, with a rule-based command side channel'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;consume;tail'= {
            cand --from 'Where to start (and stop): start|end|N|-N|+N|@TIME, or a range A:B with B exclusive. TIME: epoch milliseconds, RFC 3339, a date, or a duration back from now (@-10m). [default: end, or the group''s committed offsets with --group]'
            cand -n 'Stop after printing N records'
            cand --count 'Stop after printing N records'
            cand -p 'Only these partitions (repeatable or comma-separated)'
            cand --partition 'Only these partitions (repeatable or comma-separated)'
            cand -g 'Join this consumer group and commit what was printed'
            cand --group 'Join this consumer group and commit what was printed'
            cand --grep 'Only records whose key or value matches this regular expression'
            cand -f 'Line template: %t topic, %p partition, %o offset, %k key, %v value, %T timestamp (ms), %h headers, %% a percent sign; \n and \t are understood'
            cand --format 'Line template: %t topic, %p partition, %o offset, %k key, %v value, %T timestamp (ms), %h headers, %% a percent sign; \n and \t are understood'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand -r 'The topics are regular expressions, each matching whole topic names (-r ''db\.public\..*''); while following, topics that come to match later are read too, from their start'
            cand --regex 'The topics are regular expressions, each matching whole topic names (-r ''db\.public\..*''); while following, topics that come to match later are read too, from their start'
            cand -e 'Stop at the end of each partition as it was when reading began'
            cand --exit-at-end 'Stop at the end of each partition as it was when reading began'
            cand --pretty 'Pretty-print JSON values (human output)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;consume;sink'= {
            cand -t 'Table to write (schema.table or table); it must exist'
            cand --table 'Table to write (schema.table or table); it must exist'
            cand -m 'Column from a JSON path, e.g. --map city=customer.address.city (repeatable)'
            cand --map 'Column from a JSON path, e.g. --map city=customer.address.city (repeatable)'
            cand -k 'Upsert on these columns (comma-separated; a unique index must cover them) so replays do not duplicate rows'
            cand --upsert-key 'Upsert on these columns (comma-separated; a unique index must cover them) so replays do not duplicate rows'
            cand -b 'Events per transaction, fixed [default: 500, growing up to 20000 while more events are already waiting (a backlog)]'
            cand --batch-size 'Events per transaction, fixed [default: 500, growing up to 20000 while more events are already waiting (a backlog)]'
            cand -f 'Write what is batched at least this often'
            cand --flush-interval 'Write what is batched at least this often'
            cand --dead-letter 'Send malformed events to this topic (created if missing), with dlq.* headers giving the reason'
            cand --dead-letter-table 'Or write them to this table, in the batch''s transaction [default: livedbctl_dead_letters]'
            cand -n 'Stop after this many events (flushed and committed)'
            cand --max-events 'Stop after this many events (flushed and committed)'
            cand -g 'Consumer group; copies run with the same group share the partitions'
            cand --group 'Consumer group; copies run with the same group share the partitions'
            cand --from 'Where a group without committed offsets starts'
            cand --session-timeout 'Seconds without a heartbeat before the broker gives this member''s partitions to another'
            cand --wait-for-kafka 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand -e 'Stop once every assigned partition has been read to its end (and flushed)'
            cand --exit-at-end 'Stop once every assigned partition has been read to its end (and flushed)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;consume;aggregate'= {
            cand -k 'Group by this field (dotted path); default: the message key'
            cand --key-field 'Group by this field (dotted path); default: the message key'
            cand -s 'Also sum this numeric field per window'
            cand --sum 'Also sum this numeric field per window'
            cand --max-events 'Events per key that fire the trigger within the window'
            cand --max-time 'Window length from a key''s first event (`90s`, `1h`; a bare number is seconds, as in the seed''s API)'
            cand -x 'Command run (sh -c) when a window fires (this or --trigger-topic is required)'
            cand --exec 'Command run (sh -c) when a window fires (this or --trigger-topic is required)'
            cand --trigger-topic 'Topic to publish fired windows to, created if missing (this or --exec is required)'
            cand --attempts 'Tries per trigger before it is reported failed (it stays pending)'
            cand --exec-timeout 'Longest a --exec command may run'
            cand --prefix 'Redis key prefix'
            cand -b 'Events per Redis round trip (one atomic script)'
            cand --batch-size 'Events per Redis round trip (one atomic script)'
            cand -f 'Apply what is batched at least this often'
            cand --flush-interval 'Apply what is batched at least this often'
            cand -n 'Stop after this many events (applied and committed)'
            cand --count 'Stop after this many events (applied and committed)'
            cand --dead-letter 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]'
            cand --max-event-bytes 'Events larger than this (key, value and headers) are set aside unread'
            cand -g 'Consumer group; copies run with the same group share the partitions'
            cand --group 'Consumer group; copies run with the same group share the partitions'
            cand --from 'Where a group without committed offsets starts'
            cand --session-timeout 'Seconds without a heartbeat before the broker gives this member''s partitions to another'
            cand --wait-for-kafka 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand -e 'Stop once every assigned partition has been read to its end (and flushed)'
            cand --exit-at-end 'Stop once every assigned partition has been read to its end (and flushed)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;consume;route'= {
            cand --by 'Field that picks the destination (dotted path), used by `{}` in --to'
            cand --to 'Destination topic template [default: TOPIC.{}]'
            cand --partitions 'Partitions of topics created on the way'
            cand --when 'Rule for the side channel: FIELD=VALUE or FIELD!=VALUE'
            cand -x 'Command run for events matching --when (sh -c, the event on stdin)'
            cand --exec 'Command run for events matching --when (sh -c, the event on stdin)'
            cand --attempts 'Tries per side-channel command'
            cand --exec-timeout 'Longest a side-channel command may run'
            cand -b 'Events per batch (forwards awaited together, then offsets committed)'
            cand --batch-size 'Events per batch (forwards awaited together, then offsets committed)'
            cand -f 'Forward what is batched at least this often'
            cand --flush-interval 'Forward what is batched at least this often'
            cand -n 'Stop after this many events'
            cand --count 'Stop after this many events'
            cand --dead-letter 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]'
            cand --max-event-bytes 'Events larger than this (key, value and headers) are set aside unread'
            cand -g 'Consumer group; copies run with the same group share the partitions'
            cand --group 'Consumer group; copies run with the same group share the partitions'
            cand --from 'Where a group without committed offsets starts'
            cand --session-timeout 'Seconds without a heartbeat before the broker gives this member''s partitions to another'
            cand --wait-for-kafka 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand -e 'Stop once every assigned partition has been read to its end (and flushed)'
            cand --exit-at-end 'Stop once every assigned partition has been read to its end (and flushed)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;consume;help'= {
            cand tail 'Print records of topics as they arrive (or a bounded range of them)'
            cand sink 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction'
            cand aggregate 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold'
            cand route 'Forward each event to a topic named from its fields, with a rule-based command side channel'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;consume;help;tail'= {
        }
        &'livedbctl;consume;help;sink'= {
        }
        &'livedbctl;consume;help;aggregate'= {
        }
        &'livedbctl;consume;help;route'= {
        }
        &'livedbctl;consume;help;help'= {
        }
        &'livedbctl;group'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List consumer groups: state, members (where the broker tells), topics, total lag'
            cand describe 'One group per partition: committed offset, high watermark, lag, time behind; its members'
            cand seek 'Move a group''s committed offsets (only while it has no active members; asks first)'
            cand delete 'Delete a group and its committed offsets (asks first)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;group;list'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;group;describe'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;group;seek'= {
            cand --to 'Where to: start | end | OFFSET | @TIME (epoch ms, RFC 3339, a date, or @-10m)'
            cand --topic 'Only this topic (all its partitions); default: every partition the group committed on'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;group;delete'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;group;help'= {
            cand list 'List consumer groups: state, members (where the broker tells), topics, total lag'
            cand describe 'One group per partition: committed offset, high watermark, lag, time behind; its members'
            cand seek 'Move a group''s committed offsets (only while it has no active members; asks first)'
            cand delete 'Delete a group and its committed offsets (asks first)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;group;help;list'= {
        }
        &'livedbctl;group;help;describe'= {
        }
        &'livedbctl;group;help;seek'= {
        }
        &'livedbctl;group;help;delete'= {
        }
        &'livedbctl;group;help;help'= {
        }
        &'livedbctl;dashboard'= {
            cand --listen 'Address to listen on; beyond loopback every request needs the token'
            cand --token 'Token every request must carry [default: generated and printed once when --listen is not loopback]'
            cand --interval 'How often to sample (one set of queries for every viewer)'
            cand --feed-topic 'Topic the event feed follows first [default: the profile''s kafka.topic]'
            cand --aggregate-prefix 'Redis prefix of `consume aggregate`''s windows (its --prefix)'
            cand --results-table 'A stream job''s PostgreSQL results table to show (window_start, window_end, groups, aggregates)'
            cand --alert 'An alert rule, e.g. ''lag > 10000 for 1m'' (repeatable; replaces the profile''s `alerts:`)'
            cand --alert-exec 'Run this command (`sh -c`) on every alert change (fired, resolved), the event as JSON on stdin'
            cand --alert-exec-timeout 'How long --alert-exec may run before it is stopped and reported failed'
            cand --webhook 'POST every alert change as JSON to this URL (retried with backoff, 5 tries)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --open 'Open the page in the default browser'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;top'= {
            cand --interval 'How often to sample (one set of queries for every viewer)'
            cand --feed-topic 'Topic the event feed follows first [default: the profile''s kafka.topic]'
            cand --aggregate-prefix 'Redis prefix of `consume aggregate`''s windows (its --prefix)'
            cand --results-table 'A stream job''s PostgreSQL results table to show (window_start, window_end, groups, aggregates)'
            cand --alert 'An alert rule, e.g. ''lag > 10000 for 1m'' (repeatable; replaces the profile''s `alerts:`)'
            cand --alert-exec 'Run this command (`sh -c`) on every alert change (fired, resolved), the event as JSON on stdin'
            cand --alert-exec-timeout 'How long --alert-exec may run before it is stopped and reported failed'
            cand --webhook 'POST every alert change as JSON to this URL (retried with backoff, 5 tries)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;verify'= {
            cand --since 'Only rows created within this long before now (e.g. 15m, 2h)'
            cand --from-id 'First id to check'
            cand --to-id 'Last id to check [default: the highest id when verify starts]'
            cand --sink 'A `consume sink` table holding the events (by its `id` column), repeatable; its group is `livedbctl-sink-TABLE`. Tables of such groups on the topic are found without it'
            cand --topic 'A `connector` (CDC) topic to check instead, with --table: the table''s rows against the latest change per primary key on it'
            cand --table 'With --topic: the table it captures (`schema.table`; a primary key of one integer column)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --repair 'Republish the ids missing from the topic (as `produce poll --replay` does, without moving its offset), then verify again'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;trace'= {
            cand --key 'Or a key of a CDC topic (`--topic PREFIX.SCHEMA.TABLE`): its value (`42`) for a one-column key, or the key as JSON (`{"id":42}`)'
            cand --topic 'The topic [default: the profile''s kafka.topic, the producer''s]'
            cand --scan-limit 'Records read at most from the row''s partition (from its creation time, and where a replay broke the id order); with --key, the newest records read of each partition'
            cand --job 'A stream job file: show the job''s results for the event''s window and group (repeatable)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --all-copies 'Also read the rest of the row''s partition for more copies of its event (a replay''s)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;check'= {
            cand --alert 'An alert rule, e.g. ''lag > 10000 for 1m'' (repeatable; replaces the profile''s `alerts:`)'
            cand --over 'Sample this long before judging [default: the longest `for` among the rules; at least the stall window (10 s) with `consumer stalled`]. `--over 0s` judges the first full sample, where a `for` rule can only be pending'
            cand --interval 'How often to sample (one set of queries for every viewer)'
            cand --feed-topic 'Topic the event feed follows first [default: the profile''s kafka.topic]'
            cand --aggregate-prefix 'Redis prefix of `consume aggregate`''s windows (its --prefix)'
            cand --results-table 'A stream job''s PostgreSQL results table to show (window_start, window_end, groups, aggregates)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;stream'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand plan 'Check a job file and print the equivalent Flink SQL'
            cand eval 'Run a job''s windows over a file of JSON events and print the results (no Kafka)'
            cand run 'Run a job in this process: a Kafka consumer group, results to the job''s sinks'
            cand submit 'Send a job''s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)'
            cand list 'List the jobs on the Flink cluster'
            cand status 'Show one Flink job: state, times, operators and their record counts'
            cand cancel 'Cancel a Flink job, or stop it with a savepoint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;stream;plan'= {
            cand --source-file 'Read the events from this file of JSON lines instead of Kafka (filesystem connector; a directory is watched for new files and the job keeps running)'
            cand --sink-dir 'Write every sink as JSON lines under this directory instead (filesystem connector)'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;stream;eval'= {
            cand --events 'JSON lines, each one event as the source topic would carry it'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --write 'Also write the results to the job''s sinks (PostgreSQL, Kafka, Redis)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;stream;run'= {
            cand -g 'Consumer group [default: livedbctl-stream-<job name>]'
            cand --group 'Consumer group [default: livedbctl-stream-<job name>]'
            cand --from 'Where a run without a checkpoint starts [default: the job''s source.from, else earliest]'
            cand -n 'Stop after this many events (then flush)'
            cand --max-events 'Stop after this many events (then flush)'
            cand -b 'Events per flush, fixed [default: 10000, growing up to 50000 while more events are already waiting (a backlog)]'
            cand --batch-size 'Events per flush, fixed [default: 10000, growing up to 50000 while more events are already waiting (a backlog)]'
            cand -f 'Flush at least this often (closes windows of quiet partitions, emits early results)'
            cand --flush-interval 'Flush at least this often (closes windows of quiet partitions, emits early results)'
            cand --dead-letter 'Topic for events that cannot be processed (not JSON, a wrong type, NaN, too large), with `dlq.*` headers saying why; created when first needed [default: TOPIC.dlq]'
            cand --max-event-bytes 'Events larger than this (key, value and headers) are set aside unread'
            cand --wait-for-kafka 'How long to wait at start for a Kafka broker that does not answer (a stack still starting, a broker restarting) before giving up; 0s gives up after the first try'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand -e 'Stop once every partition has been read to its end (results due written, checkpoint saved; windows still open stay open for the next run)'
            cand --exit-at-end 'Stop once every partition has been read to its end (results due written, checkpoint saved; windows still open stay open for the next run)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;stream;submit'= {
            cand --source-file 'Read the events from this file (on the Flink machine) instead of Kafka; a directory is watched for new files and the job keeps running'
            cand --sink-dir 'Write every sink as JSON lines under this directory (on the Flink machine) instead'
            cand --runner-jar 'Use this SQL runner jar instead of building one'
            cand --timeout 'How long to wait for each statement (gateway) or the submission'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;stream;list'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;stream;status'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;stream;cancel'= {
            cand --savepoint 'Stop with a savepoint into this directory instead of cancelling'
            cand --timeout 'How long to wait for the job to stop'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;stream;help'= {
            cand plan 'Check a job file and print the equivalent Flink SQL'
            cand eval 'Run a job''s windows over a file of JSON events and print the results (no Kafka)'
            cand run 'Run a job in this process: a Kafka consumer group, results to the job''s sinks'
            cand submit 'Send a job''s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)'
            cand list 'List the jobs on the Flink cluster'
            cand status 'Show one Flink job: state, times, operators and their record counts'
            cand cancel 'Cancel a Flink job, or stop it with a savepoint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;stream;help;plan'= {
        }
        &'livedbctl;stream;help;eval'= {
        }
        &'livedbctl;stream;help;run'= {
        }
        &'livedbctl;stream;help;submit'= {
        }
        &'livedbctl;stream;help;list'= {
        }
        &'livedbctl;stream;help;status'= {
        }
        &'livedbctl;stream;help;cancel'= {
        }
        &'livedbctl;stream;help;help'= {
        }
        &'livedbctl;completions'= {
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --yes 'Answer yes to confirmations (required for destructive work without a terminal)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand -v 'Print more about what is being done (on stderr)'
            cand --verbose 'Print more about what is being done (on stderr)'
            cand --no-progress 'Never draw progress bars'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;help'= {
            cand infra 'Start, stop and inspect the local stack (PostgreSQL, Kafka, Redis)'
            cand profile 'List, show, select and create connection profiles'
            cand db 'Database work: schema migrations and status, replication readiness for CDC'
            cand seed 'Insert seed rows into PostgreSQL (the seed''s db-burst-writer)'
            cand produce 'Publish to Kafka: new PostgreSQL rows (`poll`, the seed''s producer) or JSON lines (`send`)'
            cand demo 'Run the whole pipeline for a newcomer: stack up, rows in, events out, then a verify of them'
            cand connector 'Change data capture: the built-in engine and its connectors'
            cand redis 'Inspect the profile''s Redis (`redis dump`)'
            cand topic 'Create, list, describe, alter and delete Kafka topics'
            cand consume 'Read topics: `tail` prints records; `sink`, `aggregate`, `route` run the downstream consumers'
            cand group 'Kafka consumer groups: list, describe (lag per partition), seek, delete'
            cand dashboard 'Serve a live web page of the pipeline (flow, charts, events, results) with /metrics'
            cand top 'Watch the pipeline in the terminal, refreshed every second'
            cand verify 'Reconcile rows, topic, sinks and dead letters up to a cut; ranges of ids missing, duplicated or different'
            cand trace 'Where one row went: row, event, each group''s position, what it became downstream'
            cand check 'Judge the alert rules once: exit 1 when any fires, 0 when none (cron, CI, probes)'
            cand stream 'Stream jobs: windowed aggregations, checked, tried on files, and run on Apache Flink'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;help;infra'= {
            cand up 'Start PostgreSQL, Kafka and Redis (and Flink when listed), reusing what runs; create topics, apply the schema'
            cand down 'Stop what `infra up` started (never a service it merely reused)'
            cand status 'Show each service: state, address, version, pid, who started it'
            cand logs 'Print a service''s log'
        }
        &'livedbctl;help;infra;up'= {
        }
        &'livedbctl;help;infra;down'= {
        }
        &'livedbctl;help;infra;status'= {
        }
        &'livedbctl;help;infra;logs'= {
        }
        &'livedbctl;help;profile'= {
            cand list 'List the profiles found (project ./profiles, then ~/.config/livedbctl/profiles)'
            cand show 'Show a profile as resolved (flags, environment, file, defaults), secrets redacted'
            cand use 'Make NAME the default profile for this user'
            cand init 'Write a commented profile template'
        }
        &'livedbctl;help;profile;list'= {
        }
        &'livedbctl;help;profile;show'= {
        }
        &'livedbctl;help;profile;use'= {
        }
        &'livedbctl;help;profile;init'= {
        }
        &'livedbctl;help;db'= {
            cand migrate 'Apply the versioned SQL schema (idempotent, each migration in a transaction)'
            cand status 'Show applied and pending migrations, row counts, the producer''s offset and lag'
            cand replication 'Check or prepare the database for change data capture'
        }
        &'livedbctl;help;db;migrate'= {
        }
        &'livedbctl;help;db;status'= {
        }
        &'livedbctl;help;db;replication'= {
            cand check 'Check wal_level, slots, WAL senders, the role and the tables; print the fix for each failure'
            cand setup 'Create the replication role, grants, publication and replica identity (after confirmation)'
        }
        &'livedbctl;help;db;replication;check'= {
        }
        &'livedbctl;help;db;replication;setup'= {
        }
        &'livedbctl;help;seed'= {
            cand burst 'Insert seed rows into `livedb` in bursts (2 rows every 60 s by default) or at a rate'
        }
        &'livedbctl;help;seed;burst'= {
        }
        &'livedbctl;help;produce'= {
            cand poll 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets'
            cand send 'Publish lines (JSON, raw, or a `consume tail -o json` dump) with keys, headers and a delivery summary'
        }
        &'livedbctl;help;produce;poll'= {
        }
        &'livedbctl;help;produce;send'= {
        }
        &'livedbctl;help;demo'= {
        }
        &'livedbctl;help;connector'= {
            cand start 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground'
            cand list 'List connectors with state, slot position and lag'
            cand status 'Show one connector: state, tables, topics, slot, lag'
            cand stop 'Ask a running engine to stop (after acknowledging what is in flight)'
            cand delete 'Delete a connector: drop its slot (and the publication it created)'
            cand apply 'Create or update a Kafka Connect connector from a JSON/YAML file (remote)'
            cand restart 'Restart a Kafka Connect connector, optionally its (failed) tasks (remote)'
            cand pause 'Pause a Kafka Connect connector (remote)'
            cand resume 'Resume a paused Kafka Connect connector (remote)'
            cand offsets 'Show a connector''s position (Connect''s offsets shape); move a stopped remote one'
            cand graduate 'Move a connector between the built-in engine and Kafka Connect without loss'
        }
        &'livedbctl;help;connector;start'= {
        }
        &'livedbctl;help;connector;list'= {
        }
        &'livedbctl;help;connector;status'= {
        }
        &'livedbctl;help;connector;stop'= {
        }
        &'livedbctl;help;connector;delete'= {
        }
        &'livedbctl;help;connector;apply'= {
        }
        &'livedbctl;help;connector;restart'= {
        }
        &'livedbctl;help;connector;pause'= {
        }
        &'livedbctl;help;connector;resume'= {
        }
        &'livedbctl;help;connector;offsets'= {
        }
        &'livedbctl;help;connector;graduate'= {
        }
        &'livedbctl;help;redis'= {
            cand dump 'Every key with its type, TTL and value (first N items per collection), without blocking the server'
        }
        &'livedbctl;help;redis;dump'= {
        }
        &'livedbctl;help;topic'= {
            cand create 'Create a topic, or every topic the profile declares'
            cand list 'List topics with partitions, replication and message counts'
            cand describe 'Show a topic''s partitions (leader, replicas, ISR, offsets) and configs'
            cand alter 'Change a topic''s configs incrementally (--set k=v, --delete k)'
            cand delete 'Delete topics (shows what will go and asks first)'
        }
        &'livedbctl;help;topic;create'= {
        }
        &'livedbctl;help;topic;list'= {
        }
        &'livedbctl;help;topic;describe'= {
        }
        &'livedbctl;help;topic;alter'= {
        }
        &'livedbctl;help;topic;delete'= {
        }
        &'livedbctl;help;consume'= {
            cand tail 'Print records of topics as they arrive (or a bounded range of them)'
            cand sink 'Batch events into a PostgreSQL table (bulk insert or upsert), committing offsets after each transaction'
            cand aggregate 'Count events per key in Redis within a window; fire a command (--exec) or an event (--trigger-topic) when a key reaches the threshold'
            cand route 'Forward each event to a topic named from its fields, with a rule-based command side channel'
        }
        &'livedbctl;help;consume;tail'= {
        }
        &'livedbctl;help;consume;sink'= {
        }
        &'livedbctl;help;consume;aggregate'= {
        }
        &'livedbctl;help;consume;route'= {
        }
        &'livedbctl;help;group'= {
            cand list 'List consumer groups: state, members (where the broker tells), topics, total lag'
            cand describe 'One group per partition: committed offset, high watermark, lag, time behind; its members'
            cand seek 'Move a group''s committed offsets (only while it has no active members; asks first)'
            cand delete 'Delete a group and its committed offsets (asks first)'
        }
        &'livedbctl;help;group;list'= {
        }
        &'livedbctl;help;group;describe'= {
        }
        &'livedbctl;help;group;seek'= {
        }
        &'livedbctl;help;group;delete'= {
        }
        &'livedbctl;help;dashboard'= {
        }
        &'livedbctl;help;top'= {
        }
        &'livedbctl;help;verify'= {
        }
        &'livedbctl;help;trace'= {
        }
        &'livedbctl;help;check'= {
        }
        &'livedbctl;help;stream'= {
            cand plan 'Check a job file and print the equivalent Flink SQL'
            cand eval 'Run a job''s windows over a file of JSON events and print the results (no Kafka)'
            cand run 'Run a job in this process: a Kafka consumer group, results to the job''s sinks'
            cand submit 'Send a job''s SQL to a Flink cluster (SQL Gateway, or the SQL runner jar)'
            cand list 'List the jobs on the Flink cluster'
            cand status 'Show one Flink job: state, times, operators and their record counts'
            cand cancel 'Cancel a Flink job, or stop it with a savepoint'
        }
        &'livedbctl;help;stream;plan'= {
        }
        &'livedbctl;help;stream;eval'= {
        }
        &'livedbctl;help;stream;run'= {
        }
        &'livedbctl;help;stream;submit'= {
        }
        &'livedbctl;help;stream;list'= {
        }
        &'livedbctl;help;stream;status'= {
        }
        &'livedbctl;help;stream;cancel'= {
        }
        &'livedbctl;help;completions'= {
        }
        &'livedbctl;help;help'= {
        }
    ]
    $completions[$command]
}
