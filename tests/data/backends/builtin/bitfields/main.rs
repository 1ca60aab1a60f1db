use shared::*;
fn dump<T>(v: &T) {
    let p = v as *const T as *const u8;
    let s: String = (0..core::mem::size_of::<T>()).map(|i| format!("{:02x}", unsafe { *p.add(i) })).collect();
    println!("{s}");
}
fn main() {
    use core::mem::size_of;
    println!("{} {} {} {}", size_of::<flags>(), size_of::<straddle>(), size_of::<gaps>(), size_of::<mixed>());
    let mut f: flags = unsafe { core::mem::zeroed() };
    f.set_a(13); f.set_b(31); f.c = -1; f.set_s(7); f.set_s(f.s() + 2); f.set_on(true);
    dump(&f); println!("{} {} {} {} {}", f.a(), f.b(), f.c, f.s(), f.on() as i32);
    let mut t: straddle = unsafe { core::mem::transmute([0xffu8; 8]) };
    t.set_lo(0x2aaaaaaa); t.set_hi(9); t.tail = 1;
    dump(&t); println!("{} {} {}", t.lo(), t.hi(), t.tail);
    let mut m: mixed = unsafe { core::mem::zeroed() };
    m.set_k(3); m.w = -2; m.set_m(100);
    dump(&m); println!("{} {} {}", m.k(), m.w, m.m());
    unsafe {
        let g = &*core::ptr::addr_of!(g_flags);
        dump(g); println!("{} {} {} {}", g.a(), g.b(), g.s(), g.on() as i32);
        let h = &*core::ptr::addr_of!(g_gaps);
        dump(h); println!("{} {} {}", h.big(), h.sh(), h.x as u8 as char);
    }
}
