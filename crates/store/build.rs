// sqlx::migrate! embeds the migrations at compile time: rebuild when one is
// added or changed (as sqlx's documentation recommends).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
