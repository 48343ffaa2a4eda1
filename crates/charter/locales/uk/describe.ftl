# Правила статуту словами (crates/charter/src/describe.rs): для `charter check`, тексту договору,
# панелі та кожного пояснення. Числа є аргументами; ідентифікатори й назви належать статуту.

word-or = або
rule-majority =
    більшість: «за» понад половину з { $members } { $members ->
        [one] члена
       *[other] членів
    } (щонайменше { $needed })
rule-majority-of-votes-cast = більшість поданих голосів: «за» більше, ніж «проти»; утримання не враховуються
rule-unanimity =
    одностайність: жодного «проти» з { $members } { $members ->
        [one] члена
       *[other] членів
    } і щонайменше один голос «за» (утримання не блокує)
rule-votes-cast-share = { $num }/{ $den } поданих голосів: «за» щонайменше { $num } з кожних { $den } тих, хто голосує «за» або «проти»; утримання не враховуються
rule-by-proposer = залежить від того, хто вносить пропозицію: якщо її вносить { $proposers }, { $then }; в інших випадках { $otherwise }
rule-unanimity-constructive =
    одностайність із конструктивним утриманням (ст. 31(1) ДЄС): жодного «проти» з { $members } { $members ->
        [one] члена
       *[other] членів
    } і щонайменше один голос «за»; утримання щонайменше третини членів ({ $third }), що представляють щонайменше третину населення, унеможливлює ухвалення
rule-threshold = щонайменше { $min } «за» з { $members } { $members ->
        [one] члена
       *[other] членів
    }
rule-threshold-veto = щонайменше { $min } «за» з { $members } { $members ->
        [one] члена
       *[other] членів
    } і жодного «проти» від власника права вето ({ $holders })
rule-qualified-eu = кваліфікована більшість ЄС
rule-qualified-eu-reinforced = посилена кваліфікована більшість ЄС
rule-qualified-plain = кваліфікована більшість
rule-qualified =
    { $name }: «за» щонайменше { $members_pct }% з { $members } { $members ->
        [one] члена
       *[other] членів
    } ({ $needed }), що представляють щонайменше { $population_pct }% їхнього населення
rule-blocking-minority =
    блокувальна меншість потребує щонайменше { $min } { $min ->
        [one] члена
       *[other] членів
    }, інакше умова щодо населення вважається виконаною
quorum =
    для ухвалення в голосуванні («за», «проти» чи «утримався») мають взяти участь щонайменше { $quorum } { $quorum ->
        [one] член
        [few] члени
       *[many] членів
    } (кворум)
members-listed = перелічені сторони
members-role = кожна сторона з роллю { $role }
members-group = кожна сторона групи { $group }
members = { $selector } ({ $count }: { $ids })
burden-flipped = перекладений: заява набирає чинності, якщо до спливу строку орган не ухвалить, що вона необґрунтована
burden-standard = звичайний: заява набирає чинності, лише якщо до спливу строку орган ухвалить, що вона обґрунтована
effect-at-determination = щойно результат стає певним
effect-at-deadline = зі спливом строку, навіть якщо результат став певним раніше
proceed-adopted = лише якщо орган її ухвалить
proceed-not-blocked = якщо орган не ухвалить рішення, що її блокує (зворотна більшість)

# Час, як його пише статут.
duration-days = { $n } { $case ->
        [gen] { $n ->
            [one] дня
           *[other] днів
        }
       *[nom] { $n ->
            [one] день
            [few] дні
           *[many] днів
        }
    }
duration-hours = { $n } { $case ->
        [gen] { $n ->
            [one] години
           *[other] годин
        }
        [acc] { $n ->
            [one] годину
            [few] години
           *[many] годин
        }
       *[nom] { $n ->
            [one] година
            [few] години
           *[many] годин
        }
    }
duration-minutes = { $n } { $case ->
        [gen] { $n ->
            [one] хвилини
           *[other] хвилин
        }
        [acc] { $n ->
            [one] хвилину
            [few] хвилини
           *[many] хвилин
        }
       *[nom] { $n ->
            [one] хвилина
            [few] хвилини
           *[many] хвилин
        }
    }
duration-seconds = { $n } { $case ->
        [gen] { $n ->
            [one] секунди
           *[other] секунд
        }
        [acc] { $n ->
            [one] секунду
            [few] секунди
           *[many] секунд
        }
       *[nom] { $n ->
            [one] секунда
            [few] секунди
           *[many] секунд
        }
    }
term-calendar = { $days } { $working ->
        [yes] { $case ->
            [gen] { $days ->
                [one] робочого дня
               *[other] робочих днів
            }
           *[nom] { $days ->
                [one] робочий день
                [few] робочі дні
               *[many] робочих днів
            }
        }
       *[no] { $case ->
            [gen] { $days ->
                [one] дня
               *[other] днів
            }
           *[nom] { $days ->
                [one] день
                [few] дні
               *[many] днів
            }
        }
    }; строк спливає { $end ->
        [same] о тій самій місцевій годині
       *[midnight] опівночі після останнього дня
    } ({ $zone })
annual-dates = щороку { $dates } ({ $zone })
word-and = і
annual-period = з { $from } по { $to }

# Правила моніторингу.
grid = { $case ->
        [gen] { $hours }-годинних вікон
       *[nom] { $hours }-годинні вікна
    }, що закінчуються о { $ends } за часом { $zone }
condition-one-window = кількість у вікні перевищує { $above }
condition-consecutive = у кожному з { $windows } послідовних вікон кількість перевищує { $above }
condition-sum = сумарна кількість за останні { $windows } { $windows ->
        [one] вікно
        [few] вікна
       *[many] вікон
    } перевищує { $above }
condition-median = кількість у вікні більш ніж у { $times } { $times ->
        [one] раз
        [few] рази
       *[many] разів
    } перевищує медіану { $windows } { $windows ->
        [one] попереднього вікна
       *[other] попередніх вікон
    } (і перевищує { $at_least })

# Стан заходу.
measure-state = { $state ->
        [in_force] чинний
        [suspended] призупинений
        [at_risk] під загрозою
        [lapsed] втратив чинність
       *[terminated] припинений
    }

## На що чекає транш програми

condition-kind-milestone = індикатор реформ
condition-kind-imf-review = перегляд програми МВФ
