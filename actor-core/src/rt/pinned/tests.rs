use super::*;

/// The name of the thread a task placed at `place` runs on.
fn thread_of(exec: &PinnedExecutor, place: usize) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    exec.spawn_at(place, Box::pin(async move {
        tx.send(std::thread::current().name().unwrap_or_default().to_string()).unwrap();
    }));
    rx.recv_timeout(Duration::from_secs(10)).expect("the task runs")
}

#[test]
fn a_place_picks_a_worker_and_wraps_around() {
    let exec = PinnedExecutor::new(2).unwrap();
    assert_eq!(exec.workers(), 2);
    assert_eq!(thread_of(&exec, 0), "actorflow-worker-0");
    assert_eq!(thread_of(&exec, 1), "actorflow-worker-1");
    assert_eq!(thread_of(&exec, 2), "actorflow-worker-0");
    assert_eq!(thread_of(&exec, 7), "actorflow-worker-1");
    assert_eq!(PinnedExecutor::new(0).unwrap().workers(), 1, "at least one worker");
}

#[test]
fn tasks_on_different_workers_wake_each_other() {
    let exec = PinnedExecutor::new(2).unwrap();
    let (to_b, b_rx) = flume::bounded::<u32>(4);
    let (to_a, a_rx) = flume::bounded::<u32>(4);
    let (done, finished) = std::sync::mpsc::channel();
    exec.spawn_at(0, Box::pin(async move {
        let mut total = 0;
        for i in 0..10_000 {
            to_b.send_async(i).await.unwrap();
            total += a_rx.recv_async().await.unwrap();
        }
        done.send(total).unwrap();
    }));
    exec.spawn_at(1, Box::pin(async move {
        while let Ok(i) = b_rx.recv_async().await {
            if to_a.send_async(i * 2).await.is_err() {
                break;
            }
        }
    }));
    let total = finished.recv_timeout(Duration::from_secs(60)).expect("the ping-pong completes");
    assert_eq!(total, (0..10_000u64).map(|i| i * 2).sum::<u64>() as u32);
}

#[test]
fn a_worker_that_slept_is_woken_by_another() {
    let exec = PinnedExecutor::new(2).unwrap();
    let (tx, rx) = flume::bounded::<u32>(1);
    let (done, finished) = std::sync::mpsc::channel();
    exec.spawn_at(0, Box::pin(async move {
        let v = rx.recv_async().await.unwrap();
        done.send(v).unwrap();
    }));
    // Long past the spin: worker 0 sleeps.
    std::thread::sleep(SPIN * 20);
    exec.spawn_at(1, Box::pin(async move {
        tx.send_async(7).await.unwrap();
    }));
    assert_eq!(finished.recv_timeout(Duration::from_secs(10)), Ok(7));
}

#[test]
fn a_task_that_wakes_itself_runs_again_and_others_get_turns() {
    let exec = PinnedExecutor::new(1).unwrap();
    let (done, finished) = std::sync::mpsc::channel();
    let d2 = done.clone();
    exec.spawn_at(0, Box::pin(async move {
        for _ in 0..1000 {
            crate::rt::yield_now().await;
        }
        done.send("yielder").unwrap();
    }));
    exec.spawn_at(0, Box::pin(async move {
        d2.send("other").unwrap();
    }));
    let first = finished.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(first, "other", "a task woken by itself goes behind the queue");
    assert_eq!(finished.recv_timeout(Duration::from_secs(10)), Ok("yielder"));
}

#[test]
fn a_panicking_task_ends_alone() {
    let exec = PinnedExecutor::new(1).unwrap();
    exec.spawn(Box::pin(async { panic!("this task fails") }));
    assert_eq!(thread_of(&exec, 0), "actorflow-worker-0", "the worker goes on");
}

#[test]
fn timers_work_on_the_workers() {
    let exec = PinnedExecutor::new(1).unwrap();
    let sleep = exec.sleep(Duration::from_millis(5)).expect("a timer");
    let (tx, rx) = std::sync::mpsc::channel();
    exec.spawn(Box::pin(async move {
        sleep.await;
        // tokio's timers work inside a task too.
        tokio::time::sleep(Duration::from_millis(1)).await;
        tx.send(()).unwrap();
    }));
    rx.recv_timeout(Duration::from_secs(10)).expect("the sleeps end");
    assert!(exec.now().is_some());
}

#[test]
fn dropping_the_executor_drops_the_pending_tasks() {
    struct Flag(std::sync::mpsc::Sender<()>);
    impl Drop for Flag {
        fn drop(&mut self) {
            let _ = self.0.send(());
        }
    }
    let exec = PinnedExecutor::new(1).unwrap();
    let (tx, dropped) = std::sync::mpsc::channel();
    let flag = Flag(tx);
    exec.spawn(Box::pin(async move {
        let _flag = flag;
        std::future::pending::<()>().await;
    }));
    // Let it start and wait.
    std::thread::sleep(Duration::from_millis(20));
    drop(exec);
    dropped.recv_timeout(Duration::from_secs(10)).expect("the pending task is dropped");
}
