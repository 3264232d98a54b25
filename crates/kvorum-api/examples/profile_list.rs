//! Where does members_list spend its time? (developer tool, not a test)
use std::time::Instant;
fn main() {
    let rt = if std::env::var_os("ST").is_some() {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    } else {
        tokio::runtime::Runtime::new().unwrap()
    };
    rt.block_on(async {
        let path = std::env::args().nth(1).expect("db path");
        let api = kvorum_api::Api::open(&path, "p", kvorum_api::Clock::System)
            .await
            .unwrap();
        for _ in 0..6 {
            let t = Instant::now();
            let m = api.store().members().await.unwrap();
            let t1 = t.elapsed();
            let p = api.store().payments(None).await.unwrap();
            let t2 = t.elapsed();
            let r = api.store().fee_rates().await.unwrap();
            let t3 = t.elapsed();
            println!(
                "members {} in {t1:?}; payments {} at {t2:?}; rates {} at {t3:?}",
                m.len(),
                p.len(),
                r.len()
            );
        }
    });
}
