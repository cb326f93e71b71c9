
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
            cand demo 'Run the whole pipeline for a newcomer: stack up, rows in, events out, counts that match'
            cand connector 'Change data capture: the built-in engine and its connectors'
            cand redis 'Inspect the profile''s Redis (`redis dump`)'
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
            cand up 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
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
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand -h 'Print help'
            cand --help 'Print help'
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
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'livedbctl;infra;help'= {
            cand up 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
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
            cand send 'Publish JSON lines from stdin or a file, keyed by a field, with a delivery summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;produce;poll'= {
            cand --batch-size 'Rows per batch (one database read, one wait for Kafka''s acknowledgements, one offset update)'
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
            cand -k 'Use this field''s value as the message key (dotted path, e.g. customer.id)'
            cand --key-field 'Use this field''s value as the message key (dotted path, e.g. customer.id)'
            cand -r 'Messages per second (default: as fast as the broker accepts them)'
            cand --rate 'Messages per second (default: as fast as the broker accepts them)'
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
        &'livedbctl;produce;help'= {
            cand poll 'Publish new `livedb` rows to Kafka as events, tracking the offset in producer_offsets'
            cand send 'Publish JSON lines from stdin or a file, keyed by a field, with a delivery summary'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;produce;help;poll'= {
        }
        &'livedbctl;produce;help;send'= {
        }
        &'livedbctl;produce;help;help'= {
        }
        &'livedbctl;demo'= {
            cand --duration 'How long to run (e.g. 30s, 2m); without it, until Ctrl-C'
            cand --rate 'Rows per second written to PostgreSQL'
            cand --file 'Seed file (default: seed/livedb_seed.csv, or the copy built into livedbctl)'
            cand --batch-size 'Producer batch size'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --no-up 'Use the services as they are: do not start anything'
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
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;connector;start'= {
            cand --table 'Table to capture as schema.table (repeatable); defaults to the connector''s stored tables'
            cand --topic-prefix 'Topic prefix: events go to <prefix>.<schema>.<table> (Debezium''s topic.prefix) [default: db]'
            cand --slot 'Replication slot name (default: the connector name, made a valid slot name)'
            cand --publication 'Publication name (default: <slot>_pub); reused when it exists'
            cand --snapshot 'When to emit existing rows as `r` events [default: the stored mode, else initial]'
            cand --decimal-handling 'How numeric/decimal columns are written: exact string or JSON number [default: string]'
            cand --batch-changes 'Changes asked for per read of the slot (checked only at transaction boundaries)'
            cand --poll-interval 'Wait between reads when there is nothing new'
            cand --stats-interval 'How often the status line / JSON stats are refreshed'
            cand --partitions 'Partitions of topics created by the connector'
            cand --replication-factor 'Replication factor of topics created by the connector'
            cand --profile 'Connection profile to use (profiles/<NAME>.yaml or ~/.config/livedbctl/profiles/)'
            cand --config 'Use this profile file instead of looking one up by name'
            cand -o 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --output 'Output format: human tables or JSON (one document, or one object per line for streams)'
            cand --no-tombstones 'Do not follow deletes with a tombstone (Debezium''s tombstones.on.delete=false)'
            cand --schemas-enable 'Wrap keys and values as {"schema": ..., "payload": ...} (Connect''s schemas.enable=true)'
            cand --until-idle 'Exit once everything available has been delivered (for scripts and backfills)'
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
        &'livedbctl;connector;help'= {
            cand start 'Capture changes of tables into Kafka (Debezium-compatible events), in the foreground'
            cand list 'List connectors with state, slot position and lag'
            cand status 'Show one connector: state, tables, topics, slot, lag'
            cand stop 'Ask a running engine to stop (after acknowledging what is in flight)'
            cand delete 'Delete a connector: drop its slot (and the publication it created)'
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
            cand demo 'Run the whole pipeline for a newcomer: stack up, rows in, events out, counts that match'
            cand connector 'Change data capture: the built-in engine and its connectors'
            cand redis 'Inspect the profile''s Redis (`redis dump`)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'livedbctl;help;infra'= {
            cand up 'Start PostgreSQL, Kafka and Redis (reusing what already runs), create topics, apply the schema'
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
            cand send 'Publish JSON lines from stdin or a file, keyed by a field, with a delivery summary'
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
        &'livedbctl;help;redis'= {
            cand dump 'Every key with its type, TTL and value (first N items per collection), without blocking the server'
        }
        &'livedbctl;help;redis;dump'= {
        }
        &'livedbctl;help;completions'= {
        }
        &'livedbctl;help;help'= {
        }
    ]
    $completions[$command]
}
