//! What the store's test files share: `conformance!` turns one async test
//! taking a fresh database into a test per backend (PostgreSQL only when
//! ADALDYQ_TEST_POSTGRES_URL is set).

macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 4)] async fn $name() {
                let db = adaldyq_store::testing::Backend::Sqlite.fresh().await.unwrap();
                super::$name(&db).await
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 4)] async fn $name() {
                if let Some(db) = adaldyq_store::testing::Backend::Postgres.fresh().await {
                    super::$name(&db).await
                }
            })*
        }
    };
}
