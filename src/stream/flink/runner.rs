//! The SQL runner: a small Java program (source in `flink/sql-runner/`, compiled into this
//! binary) that runs SQL statements given as its arguments on the cluster it is started on,
//! the pattern Flink's Kubernetes operator uses for SQL jobs. livedbctl builds it on
//! demand with the JDK's `javac` and `jar` against `$FLINK_HOME/lib`, once per runner
//! source and Flink version, into a cache directory.

use std::path::{Path, PathBuf};
use std::process::Command;

pub const ENTRY_CLASS: &str = "livedbctl.SqlRunner";
pub const SOURCE: &str =
    include_str!("../../../flink/sql-runner/src/main/java/livedbctl/SqlRunner.java");

#[derive(Debug, thiserror::Error)]
pub enum RunnerError {
    #[error("building the SQL runner needs Flink's jars, and no Flink home is known")]
    NoFlinkHome,
    #[error("{0} has no Flink jars (no flink-table-api-java*.jar)")]
    NoFlinkJars(PathBuf),
    #[error("`{0}` was not found on PATH (the JDK builds the SQL runner)")]
    NoJdk(&'static str),
    #[error("{step} failed: {output}")]
    Build { step: String, output: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the SQL runner jar {0} does not exist")]
    MissingJar(PathBuf),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> RunnerError + '_ {
    move |source| RunnerError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The jars to compile against: `lib/` (the table API), and `opt/` when needed.
fn flink_jars(home: &Path) -> Result<Vec<PathBuf>, RunnerError> {
    let mut jars = Vec::new();
    for dir in ["lib", "opt"] {
        let Ok(entries) = std::fs::read_dir(home.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "jar") {
                jars.push(p);
            }
        }
    }
    jars.sort();
    let has_api = jars.iter().any(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("flink-table-api-java"))
    });
    if !has_api {
        return Err(RunnerError::NoFlinkJars(home.join("lib")));
    }
    Ok(jars)
}

/// `livedbctl-sql-runner-<hash>.jar`: the hash covers the source and the Flink jars' names
/// (their versions), so a new Flink or a changed runner gets a new jar.
pub fn jar_name(home: &Path) -> Result<String, RunnerError> {
    let jars = flink_jars(home)?;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(SOURCE.as_bytes());
    for j in &jars {
        feed(
            j.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .as_bytes(),
        );
    }
    Ok(format!("livedbctl-sql-runner-{h:016x}.jar"))
}

/// The runner jar for this Flink, built into `cache_dir` unless it is there already.
/// Blocking (runs javac): call it outside the async runtime or in `spawn_blocking`.
pub fn build(home: &Path, cache_dir: &Path) -> Result<PathBuf, RunnerError> {
    let name = jar_name(home)?;
    let jar = cache_dir.join(&name);
    if jar.is_file() {
        return Ok(jar);
    }
    let javac = which::which("javac").map_err(|_| RunnerError::NoJdk("javac"))?;
    let jar_tool = which::which("jar").map_err(|_| RunnerError::NoJdk("jar"))?;
    std::fs::create_dir_all(cache_dir).map_err(io(cache_dir))?;
    let work = cache_dir.join(format!(".build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let src = work.join("src/livedbctl");
    let classes = work.join("classes");
    std::fs::create_dir_all(&src).map_err(io(&src))?;
    std::fs::create_dir_all(&classes).map_err(io(&classes))?;
    let java = src.join("SqlRunner.java");
    std::fs::write(&java, SOURCE).map_err(io(&java))?;
    let classpath = std::env::join_paths(flink_jars(home)?).map_err(|e| RunnerError::Build {
        step: "the class path".into(),
        output: e.to_string(),
    })?;
    run(
        Command::new(javac)
            .args(["--release", "11", "-nowarn", "-cp"])
            .arg(&classpath)
            .arg("-d")
            .arg(&classes)
            .arg(&java),
        "javac",
    )?;
    let tmp_jar = work.join(&name);
    run(
        Command::new(jar_tool)
            .arg("--create")
            .arg("--file")
            .arg(&tmp_jar)
            .arg("--main-class")
            .arg(ENTRY_CLASS)
            .arg("-C")
            .arg(&classes)
            .arg("."),
        "jar",
    )?;
    std::fs::rename(&tmp_jar, &jar).map_err(io(&jar))?;
    let _ = std::fs::remove_dir_all(&work);
    Ok(jar)
}

fn run(cmd: &mut Command, step: &str) -> Result<(), RunnerError> {
    let out = cmd.output().map_err(|e| RunnerError::Build {
        step: step.into(),
        output: e.to_string(),
    })?;
    if out.status.success() {
        return Ok(());
    }
    let mut text = String::from_utf8_lossy(&out.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stdout));
    Err(RunnerError::Build {
        step: step.into(),
        output: text.chars().take(2000).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_jar_name_follows_the_flink_version() {
        let dir =
            std::env::temp_dir().join(format!("livedbctl-runner-test-{}", std::process::id()));
        let lib = dir.join("lib");
        std::fs::create_dir_all(&lib).unwrap();
        assert!(matches!(jar_name(&dir), Err(RunnerError::NoFlinkJars(_))));
        std::fs::write(lib.join("flink-table-api-java-uber-2.3.0.jar"), b"").unwrap();
        let a = jar_name(&dir).unwrap();
        std::fs::rename(
            lib.join("flink-table-api-java-uber-2.3.0.jar"),
            lib.join("flink-table-api-java-uber-2.4.0.jar"),
        )
        .unwrap();
        let b = jar_name(&dir).unwrap();
        assert!(a.starts_with("livedbctl-sql-runner-") && a.ends_with(".jar"));
        assert_ne!(a, b);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
